/**
 * The template library a new organisation starts from: one per audience and
 * phase, so nobody writes a message from scratch mid-incident. Blameless and
 * plain. Public texts (customers, users, social) name no people, bridges,
 * internal work or incident title: the title is written for responders.
 * Social posts have no subject and stay under 280 characters once filled.
 *
 * The English texts carry no language: they are the organisation's fallback,
 * as every template was before templates had languages, so an organisation's
 * own saved templates keep meaning what they meant. The Danish texts are
 * tagged 'da' and chosen for messages written in Danish.
 */
import type { Template } from '../domain/comms';
import { DANISH_LIBRARY } from './defaultTemplatesDa';
import { libraryTemplates, lines, type TemplateLibrary, type TemplateText } from './templateLibrary';

const technical: Record<Template['phase'], TemplateText> = {
  initial: {
    subject: '[{{priority}}] Incident declared: {{title}}',
    body: lines(
      'A {{priority}} incident was declared at {{declaredAt}}: {{title}}',
      '',
      'What we know',
      'Status: {{status}}',
      'Affected services: {{services}}',
      'Impact: {{impact}}',
      '',
      'Incident commander: {{commander}}',
      'Technical bridge: {{technicalBridge}}',
      '',
      'If your team owns an affected service or a dependency of one, join the bridge. Please share findings on the bridge rather than in side channels.',
      'Next update: {{nextUpdate}}',
    ),
  },
  update: {
    subject: '[{{priority}}] Update: {{title}}',
    body: lines(
      'Status: {{status}}',
      'Affected services: {{services}}',
      'Impact: {{impact}}',
      '',
      'Current work: {{currentWork}}',
      'Estimated resolution: {{eta}}',
      '',
      'Incident commander: {{commander}}',
      'Technical bridge: {{technicalBridge}}',
      'Next update: {{nextUpdate}}',
    ),
  },
  resolved: {
    subject: '[{{priority}}] Resolved: {{title}}',
    body: lines(
      'The incident is resolved: {{title}}',
      '',
      'Affected services: {{services}}',
      'Impact: {{impact}}',
      'Duration: {{duration}} (declared at {{declaredAt}})',
      '',
      'Please keep an eye on the affected services and report anything unusual to the incident commander, {{commander}}.',
      'A blameless post-incident review will follow. While it is fresh, note what you saw, what you did and when, and what helped or got in the way.',
    ),
  },
  followUp: {
    subject: '[{{priority}}] Post-incident review: {{title}}',
    body: lines(
      'The post-incident review for {{title}} is being prepared.',
      '',
      'Affected services: {{services}}',
      'Duration: {{duration}}',
      '',
      'The review is blameless: it looks at systems, signals and decisions, not at who did what. It will cover the timeline, what helped and what slowed us down, and the actions that make a recurrence less likely.',
      'Please send your notes and timeline entries to the incident commander, {{commander}}, before the review.',
    ),
  },
};

const business: Record<Template['phase'], TemplateText> = {
  initial: {
    subject: '[{{priority}}] Incident: {{title}}',
    body: lines(
      'We are responding to a {{priority}} incident affecting {{services}}.',
      '',
      'Business impact: {{impact}}',
      'Status: {{status}}',
      'Estimated resolution: {{eta}}',
      '',
      'Business bridge: {{businessBridge}}',
      'Next update: {{nextUpdate}}',
    ),
  },
  update: {
    subject: '[{{priority}}] Update: {{title}}',
    body: lines(
      'Status: {{status}}',
      'Business impact: {{impact}}',
      'Affected services: {{services}}',
      'Estimated resolution: {{eta}}',
      '',
      'Business bridge: {{businessBridge}}',
      'Next update: {{nextUpdate}}',
    ),
  },
  resolved: {
    subject: '[{{priority}}] Resolved: {{title}}',
    body: lines(
      'The incident is resolved and service has been restored.',
      '',
      'Affected services: {{services}}',
      'Business impact: {{impact}}',
      'Duration: {{duration}} (declared at {{declaredAt}})',
      '',
      'Please let us know of any remaining effect on your teams or customers. A blameless post-incident review will follow.',
    ),
  },
  followUp: {
    subject: '[{{priority}}] Post-incident review: {{title}}',
    body: lines(
      'A blameless post-incident review of {{title}} is under way.',
      '',
      'Affected services: {{services}}',
      'Business impact: {{impact}}',
      'Duration: {{duration}}',
      '',
      'The review will describe what happened and the actions that make a recurrence less likely. We will share its summary once it is complete. Please send us any business effects we should include.',
    ),
  },
};

const executives: Record<Template['phase'], TemplateText> = {
  initial: {
    subject: '[{{priority}}] Major incident: {{title}}',
    body: lines(
      '{{priority}} incident: {{title}}. Impact: {{impact}}',
      'Status: {{status}}',
      'Incident commander: {{commander}}',
      'Estimated resolution: {{eta}}',
      'Next update: {{nextUpdate}}',
    ),
  },
  update: {
    subject: '[{{priority}}] Update: {{title}}',
    body: lines(
      'Status: {{status}}',
      'Impact: {{impact}}',
      'Incident commander: {{commander}}',
      'Estimated resolution: {{eta}}',
      'Next update: {{nextUpdate}}',
    ),
  },
  resolved: {
    subject: '[{{priority}}] Resolved: {{title}}',
    body: lines(
      'Resolved: {{title}} ({{priority}}).',
      'Impact: {{impact}}',
      'Duration: {{duration}}',
      'A blameless post-incident review will follow.',
    ),
  },
  followUp: {
    subject: '[{{priority}}] Post-incident review: {{title}}',
    body: lines(
      'The post-incident review of {{title}} ({{priority}}, {{duration}}) is being prepared.',
      'It covers the timeline, the impact and the actions that make a recurrence less likely.',
      'It is blameless: findings concern systems and processes, not individuals.',
    ),
  },
};

const customers: Record<Template['phase'], TemplateText> = {
  initial: {
    subject: 'Service disruption affecting {{services}}',
    body: lines(
      'Dear customer,',
      '',
      'We are currently experiencing a disruption affecting {{services}}.',
      '',
      'What you may notice: {{impact}}',
      'Current status: {{status}}',
      'Expected resolution: {{eta}}',
      '',
      'Our teams are working to restore full service as quickly as possible. We apologise for the inconvenience and will send our next update by {{nextUpdate}}.',
      '',
      'Kind regards,',
      'Service Operations',
    ),
  },
  update: {
    subject: 'Update: service disruption affecting {{services}}',
    body: lines(
      'Dear customer,',
      '',
      'Here is the latest on the disruption affecting {{services}}.',
      '',
      'What you may notice: {{impact}}',
      'Current status: {{status}}',
      'Expected resolution: {{eta}}',
      '',
      'We are sorry for the inconvenience. Our next update will follow by {{nextUpdate}}.',
      '',
      'Kind regards,',
      'Service Operations',
    ),
  },
  resolved: {
    subject: 'Resolved: service disruption affecting {{services}}',
    body: lines(
      'Dear customer,',
      '',
      'Service has been restored. The disruption affected {{services}} for {{duration}}.',
      '',
      'If you still notice a problem, please contact your usual support channel.',
      '',
      'We will review this disruption thoroughly and take steps to prevent it from happening again. Thank you for your patience, and we apologise for the inconvenience.',
      '',
      'Kind regards,',
      'Service Operations',
    ),
  },
  followUp: {
    subject: 'Follow-up: service disruption affecting {{services}}',
    body: lines(
      'Dear customer,',
      '',
      'Following the recent disruption affecting {{services}}, we are completing a full review of what happened.',
      '',
      'We will share a summary of its findings and of the improvements we are making to prevent a recurrence. Thank you for your patience and continued trust.',
      '',
      'Kind regards,',
      'Service Operations',
    ),
  },
};

const users: Record<Template['phase'], TemplateText> = {
  initial: {
    subject: 'Disruption: {{services}}',
    body: lines(
      'We are aware of a problem affecting {{services}} and are working to fix it.',
      'Impact: {{impact}}',
      'Status: {{status}}',
      'Expected resolution: {{eta}}',
      'Next update: {{nextUpdate}}',
    ),
  },
  update: {
    subject: 'Update: {{services}}',
    body: lines(
      'We are still working to restore {{services}}.',
      'Impact: {{impact}}',
      'Status: {{status}}',
      'Expected resolution: {{eta}}',
      'Next update: {{nextUpdate}}',
    ),
  },
  resolved: {
    subject: 'Resolved: {{services}}',
    body: lines(
      'Service has been restored. {{services}} should now work normally.',
      'The disruption lasted {{duration}}.',
      'We will review what happened to prevent it from happening again. Thank you for your patience.',
    ),
  },
  followUp: {
    subject: 'Follow-up: {{services}}',
    body: lines(
      'We are reviewing the recent disruption affecting {{services}}.',
      'A summary of what happened and what we are improving will be published here.',
    ),
  },
};

const social: Record<Template['phase'], TemplateText> = {
  initial: {
    subject: '',
    body: "We're aware of a problem affecting {{services}} and are working on a fix. Expected resolution: {{eta}}. Next update by {{nextUpdate}} on our status page.",
  },
  update: {
    subject: '',
    body: "Update on {{services}}: {{status}}. Expected resolution: {{eta}}. We'll post again by {{nextUpdate}} on our status page.",
  },
  resolved: {
    subject: '',
    body: '{{services}}: service has been restored. Thank you for your patience. Details on our status page.',
  },
  followUp: {
    subject: '',
    body: "We're reviewing the recent disruption to {{services}}. A summary and the improvements we're making will be on our status page.",
  },
};

const ENGLISH_LIBRARY: TemplateLibrary = { technical, business, executives, customers, users, social };

/** English, without a language: the fallback for any language. */
export const ENGLISH_TEMPLATES: Template[] = libraryTemplates(ENGLISH_LIBRARY);
export const DANISH_TEMPLATES: Template[] = libraryTemplates(DANISH_LIBRARY, 'da');

export const DEFAULT_TEMPLATES: Template[] = [...ENGLISH_TEMPLATES, ...DANISH_TEMPLATES];
