import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { en } from './en';

/** Attributes a user reads or a screen reader speaks: their text must come from the catalogues too. */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label']);

/** Text needing no translation holds no letters ("·", "×", "→", "12:00"), so only letters are flagged. */
const hasLetters = (text: string) => /\p{L}/u.test(text);

/** A component prop may name a message (label="files.export"): the component looks it up. */
const isMessageKey = (text: string) => Object.hasOwn(en, text);

/** A <kbd> names a key as printed on the keyboard ("N", "Esc"), the same in every language. */
const isKeyCap = (node: ts.Node) => ts.isJsxElement(node.parent) && node.parent.openingElement.tagName.getText() === 'kbd';

type Literal = { file: string; line: number; text: string };

/** Literal user-visible text in a .tsx source: JSX text, and the literal parts of children and of the text attributes' values. */
function findLiterals(file: string, source: string): Literal[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!hasLetters(text) || isKeyCap(node)) return;
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    found.push({ file, line: line + 1, text: text.trim() });
  };
  /** The literal text an expression can evaluate to: plain strings, both arms of a condition, the fixed parts of a template or a concatenation. */
  const textsIn = (node: ts.Node | undefined): string[] => {
    if (!node) return [];
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
    if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
    if (ts.isJsxExpression(node) || ts.isParenthesizedExpression(node)) return textsIn(node.expression);
    if (ts.isConditionalExpression(node)) return [...textsIn(node.whenTrue), ...textsIn(node.whenFalse)];
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
      return [...textsIn(node.left), ...textsIn(node.right)];
    }
    return [];
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const text of textsIn(node)) report(node, text);
    } else if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(sourceFile))) {
      for (const text of textsIn(node.initializer)) if (!isMessageKey(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Every component's source, keyed by its path from src/ ("features/sync/JoinForm.tsx"); tests and test helpers left out. */
const components: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>(['../**/*.tsx', '!../**/*.test.tsx', '!../testing/**'], { query: '?raw', import: 'default', eager: true }),
  ).map(([path, source]) => [path.replace(/^\.\.\//, ''), source]),
);

describe('user-visible text in components', () => {
  it('comes from the catalogues, never from literals', () => {
    expect(Object.keys(components)).toContain('app/App.tsx');
    const literals = Object.entries(components).flatMap(([path, source]) => findLiterals(path, source));
    expect(literals.map(({ file, line, text }) => `${file}:${line}: ${JSON.stringify(text)}`)).toEqual([]);
  });
});

describe('finding literal text', () => {
  it('flags JSX text, string children and text attributes with letters', () => {
    const source = `
      const a = <p title="Tip" aria-label={'Close'} className="x">Hello {'world'} {t('k')}</p>;
      const b = <img alt={\`Logo\`} placeholder="Type here" label="Go" data-x="ignored" />;
      const c = <p title={\`Open \${name}\`}>{busy ? 'Saving' : t('k')} {name ?? 'nobody'} {'by ' + name}</p>;`;
    expect(findLiterals('a.tsx', source).map((l) => l.text)).toEqual(['Tip', 'Close', 'Hello', 'world', 'Logo', 'Type here', 'Go', 'Open', 'Saving', 'nobody', 'by']);
  });

  it('leaves symbols, catalogue lookups, other attributes and plain code alone', () => {
    const source = `
      const a = <button aria-label={t('dialog.close')} title={name} className="button icon" type="button">×</button>;
      const b = <span>· {count} → 12:00 {' '}</span>;
      const c = { label: 'not JSX' };
      const d = <FileButton label="files.export" />;
      const e = <button>{t('incidents.declare')} <kbd>N</kbd></button>;`;
    expect(findLiterals('b.tsx', source)).toEqual([]);
  });

  it('names the file and line', () => {
    expect(findLiterals('c.tsx', '\n\nconst a = <h1>Incidents</h1>;')).toEqual([{ file: 'c.tsx', line: 3, text: 'Incidents' }]);
  });
});
