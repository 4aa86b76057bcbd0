// electron-builder.yml against the JSON schema electron-builder ships (app-builder-lib/scheme.json).
// electron-builder checks it too, but only when packaging, and it coerces types first ("false" passes
// as a boolean); this check runs with the unit tests and takes the yml exactly as written.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

// Strict mode stays on, so a keyword Ajv does not know fails loudly instead of being skipped. The
// schema uses two things outside plain draft-07: union types, and a `typeof: "function"` keyword for
// hooks given as JS functions (which a yml file cannot hold), implemented here as it reads.
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: 'typeof', schemaType: 'string', validate: (type, data) => typeof data === type });
const validate = ajv.compile(schema);

const errorsFor = (candidate) => (validate(candidate) ? [] : validate.errors.map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params })));

describe('electron-builder.yml', () => {
  it('is checked against a draft-07 schema, the draft the default Ajv class implements', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('matches the schema of the electron-builder it is built with', () => {
    expect(errorsFor(config)).toEqual([]);
  });

  it('names the homepage and maintainer a deb package cannot be built without', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(config.linux.target).toContain('deb');
    expect(config.extraMetadata?.homepage ?? pkg.homepage).toMatch(/^https:\/\/\S+$/);
    expect(config.linux.maintainer ?? pkg.author?.email).toMatch(/<\S+@\S+>$/);
  });

  it.each([
    ['an unknown top-level option', { ...config, productname: 'Warroom' }, '', 'additionalProperties', { additionalProperty: 'productname' }],
    ['a misspelt fuse', { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }, '/electronFuses', 'additionalProperties', { additionalProperty: 'runAsnode' }],
    ['a fuse given as a string', { ...config, electronFuses: { ...config.electronFuses, runAsNode: 'false' } }, '/electronFuses/runAsNode', 'type', { type: 'boolean' }],
    ['asar given as a string', { ...config, asar: 'yes' }, '/asar', 'type', { type: ['null', 'boolean'] }],
    ['a file association without its extension', { ...config, fileAssociations: [{ name: 'Warroom incident export' }] }, '/fileAssociations/0', 'required', { missingProperty: 'ext' }],
  ])('would be refused with %s', (_what, candidate, instancePath, keyword, params) => {
    expect(errorsFor(candidate)).toContainEqual({ instancePath, keyword, params });
  });
});
