import { describe, expect, it } from 'vitest';

import { DEFAULT_RUNBOOKS, settingSchemas } from '@shared/domain/catalogues';

import { FORM_ERROR } from './settingsForms';
import { newRunbookRow, newStepRow, runbookFieldKey, runbooksToForm, stepFieldKey, translatedRow, validateRunbooks } from './runbookForms';

describe('the runbooks form', () => {
  it('gives back the saved runbooks unchanged, each keeping its version', () => {
    const result = validateRunbooks(runbooksToForm(DEFAULT_RUNBOOKS), DEFAULT_RUNBOOKS);
    expect(result.errors).toBeNull();
    expect(result.value).toEqual(DEFAULT_RUNBOOKS);
  });

  it('counts a version up for a runbook whose content changed, and only for it', () => {
    const rows = runbooksToForm(DEFAULT_RUNBOOKS);
    rows[1] = { ...rows[1]!, priorities: ['P1'] };
    const value = validateRunbooks(rows, DEFAULT_RUNBOOKS).value!;
    expect(value.map((r) => r.version)).toEqual(DEFAULT_RUNBOOKS.map((_, i) => (i === 1 ? 2 : 1)));
  });

  it('gives a new runbook an id from its title and its steps ids of their own, waits named by row', () => {
    const row = newRunbookRow();
    const second = newStepRow();
    const form = [{ ...row, title: 'Database fail-over', services: 'Ledger, ledger, Payments', tags: 'Database, DNS outage', steps: [{ ...row.steps[0]!, text: 'Promote the replica' }, { ...second, text: 'Repoint the apps', after: [row.steps[0]!.key] }] }];
    const [runbook] = validateRunbooks(form, DEFAULT_RUNBOOKS).value!;
    expect(runbook).toMatchObject({
      id: 'database-fail-over',
      version: 1,
      conditions: { services: ['Ledger', 'Payments'], tags: ['database', 'dns-outage'] },
      steps: [
        { id: 'step', text: 'Promote the replica', after: [] },
        { id: 'step-2', text: 'Repoint the apps', after: ['step'] },
      ],
    });
    expect(settingSchemas.runbooks.safeParse([runbook]).success).toBe(true);
  });

  it('names what is wrong, field by field, and never saves a checklist that cannot be worked through', () => {
    const row = newRunbookRow();
    const [a, b] = [newStepRow(), newStepRow()];
    const bad = {
      ...row,
      title: ' ',
      tags: 'ok, not a tag!',
      steps: [
        { ...a, text: 'One', after: [b.key], link: 'javascript:alert(1)' },
        { ...b, text: '', after: [a.key] },
      ],
    };
    const { errors } = validateRunbooks([bad], []);
    expect(errors).toEqual({
      [runbookFieldKey(bad, 'title')]: 'Give the runbook a title.',
      [runbookFieldKey(bad, 'tags')]: '“not a tag!” is not a tag: use letters, digits and dashes.',
      [stepFieldKey(a, 'link')]: 'Use a web address (https://…) with no user name or password in it.',
      [stepFieldKey(b, 'text')]: 'Say what the step is, or remove it.',
      [runbookFieldKey(bad, 'steps')]: 'Some steps wait for each other, so none of them could ever be done: untick one of the waits.',
    });
    expect(validateRunbooks([{ ...row, title: 'Empty', steps: [] }], []).errors).toEqual({ [runbookFieldKey(row, 'steps')]: 'A runbook needs at least one step.' });
  });

  it('copies a runbook into another language under the same id, and refuses two versions for one language', () => {
    const [first] = runbooksToForm(DEFAULT_RUNBOOKS);
    const danish = translatedRow(first!, 'da');
    expect(danish.id).toBe(first!.id);
    expect(danish.steps.map((s) => s.after.length)).toEqual(first!.steps.map((s) => s.after.length));
    expect(danish.steps.every((s, i) => s.key !== first!.steps[i]!.key)).toBe(true);
    const twice = validateRunbooks([first!, translatedRow(first!, 'any')], []);
    expect(twice.errors?.[FORM_ERROR]).toBe('“Major incident declared” has two versions for one language: remove one.');
  });
});
