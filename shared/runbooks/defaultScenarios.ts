/**
 * The drill a new organisation starts with: a tabletop exercise of a payment
 * outage, short enough to run in a lunch break. It names no service, so it
 * plays against any catalogue; organisations import their own (Settings →
 * Drill scenarios) with their services, audiences and role-players.
 */
import type { Scenario } from '../domain/drills';

export const DEFAULT_SCENARIOS: Scenario[] = [
  {
    id: 'payment-outage',
    title: 'Payment outage (tabletop, 20 minutes)',
    briefing: 'Card payments start failing at lunchtime. Practise declaring, escalating, assigning roles and keeping every audience informed on cadence.',
    incident: { title: 'Card payments failing (exercise)', kind: 'service', services: [], impact: 'department', urgency: 'missionCritical' },
    injects: [
      { id: 'alert-errors', offsetSeconds: 0, kind: 'alert', title: 'Payment API error rate above 25 %', service: '', severity: 'critical' },
      { id: 'support-calls', offsetSeconds: 120, kind: 'entry', from: 'Service desk (role-player)', text: 'Forty calls in ten minutes: customers cannot pay by card in the web shop.' },
      { id: 'cfo-asks', offsetSeconds: 300, kind: 'message', audience: 'executives', from: 'CFO (role-player)', text: 'What is the revenue impact, and when will it be back?' },
      { id: 'alert-spread', offsetSeconds: 600, kind: 'alert', title: 'Point-of-sale terminals failing authorisation', service: '', severity: 'critical' },
      { id: 'customer-complains', offsetSeconds: 900, kind: 'message', audience: 'customers', from: 'Key account (role-player)', text: 'Our stores cannot take cards. We need an update every 15 minutes.' },
    ],
    version: 1,
  },
];
