// Tokenizes the sample maps and fixture.dwmap with the TextMate grammar, as VS Code does, and checks scopes.
// Run: see README.md in this folder. `node tokenize.js --dump <file.dwmap>` prints every token.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const here = __dirname;
const repo = path.resolve(here, '../../..');
const grammarPath = path.resolve(here, '../dwmap.tmLanguage.json');
const maps = path.join(repo, 'dsl-samples/Contoso.Integration/maps');

async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => scopeName === 'source.dwmap'
      ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
      : null,
  });
  return registry.loadGrammar('source.dwmap');
}

/** Every token of a file: { line, text, scopes }. */
function tokenize(grammar, file) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const tokens = [];
  let state = vsctm.INITIAL;
  lines.forEach((line, i) => {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) {
      tokens.push({ line: i + 1, lineText: line, text: line.substring(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

// [file, a substring of the line, the token's exact text, a scope the token must have ('!' prefix: must not)]
const expectations = [
  ['customers.dwmap', '// Contoso customer integration', '//', 'punctuation.definition.comment.dwmap'],
  ['customers.dwmap', '// Contoso customer integration', ' Contoso customer integration', 'comment.line.double-slash.dwmap'],
  ['customers.dwmap', 'CustomerAccount   <-> accountnumber', 'CustomerAccount', 'variable.other.field.fo.dwmap'],
  ['customers.dwmap', 'CustomerAccount   <-> accountnumber', 'accountnumber', 'variable.other.column.dataverse.dwmap'],
  ['customers.dwmap', 'msdyn_customergroupid.msdyn_groupid', 'msdyn_customergroupid', 'variable.other.column.dataverse.dwmap'],
  ['customers.dwmap', 'msdyn_customergroupid.msdyn_groupid', 'msdyn_groupid', 'variable.other.column.dataverse.dwmap'],
  ['customers.dwmap', 'namespace Contoso.Integration', 'namespace', 'keyword.other.namespace.dwmap'],
  ['customers.dwmap', 'namespace Contoso.Integration', 'Contoso.Integration', 'entity.name.namespace.dwmap'],
  ['customers.dwmap', 'schema fo ', 'schema', 'keyword.other.schema.dwmap'],
  ['customers.dwmap', 'schema fo ', 'fo', 'keyword.other.side.dwmap'],
  ['customers.dwmap', 'schema fo ', '../schemas/fo.metadata.xml', 'string.quoted.double.dwmap'],
  ['customers.dwmap', 'map Customers :', 'map', 'storage.type.map.dwmap'],
  ['customers.dwmap', 'map Customers :', 'Customers', 'entity.name.type.map.dwmap'],
  ['customers.dwmap', 'map Customers :', 'CustomersV3', 'support.class.entity-set.fo.dwmap'],
  ['customers.dwmap', 'map Customers :', 'accounts', 'support.class.entity-set.dataverse.dwmap'],
  ['customers.dwmap', 'map Customers :', '<->', 'keyword.operator.direction.both.dwmap'],
  ['customers.dwmap', 'map Customers :', '{', 'punctuation.definition.block.begin.dwmap'],
  ['customers.dwmap', 'company striped', 'company', 'keyword.other.company.dwmap'],
  ['customers.dwmap', 'company striped', 'striped', 'constant.language.company-scope.dwmap'],
  ['customers.dwmap', 'key CustomerAccount <-> accountnumber', 'key', 'keyword.other.key.dwmap'],
  ['customers.dwmap', 'key CustomerAccount <-> accountnumber', 'CustomerAccount', 'variable.other.field.fo.dwmap'],
  ['customers.dwmap', 'key CustomerAccount <-> accountnumber', 'accountnumber', 'variable.other.column.dataverse.dwmap'],
  ['fixture.dwmap', 'key A <-> a, B <-> b', 'B', 'variable.other.field.fo.dwmap'],
  ['fixture.dwmap', 'key A <-> a, B <-> b', 'b', 'variable.other.column.dataverse.dwmap'],
  ['customers.dwmap', 'filter fo ', 'filter', 'keyword.other.filter.dwmap'],
  ['customers.dwmap', 'filter fo ', '((PartyType == "Organization") && (CustomerGroupId != ""))', 'string.quoted.other.filter.dwmap'],
  ['customers.dwmap', 'filter fo ', '((PartyType == "Organization") && (CustomerGroupId != ""))', 'meta.embedded.filter.dwmap'],
  ['customers.dwmap', 'filter fo ', '((PartyType == "Organization") && (CustomerGroupId != ""))', '!string.quoted.double.dwmap'],
  ['customers.dwmap', 'filter dataverse ', 'customertypecode eq 3 and statecode eq 0', 'string.quoted.other.filter.dwmap'],
  ['customers.dwmap', 'conflict latest-wins', 'latest-wins', 'constant.language.conflict-policy.dwmap'],
  ['customers.dwmap', 'after CustomerGroups', 'after', 'keyword.other.after.dwmap'],
  ['customers.dwmap', 'after CustomerGroups', 'CustomerGroups', 'entity.name.type.map.reference.dwmap'],
  ['customers.dwmap', 'CreditLimit        -> creditlimit', '->', 'keyword.operator.direction.to-dataverse.dwmap'],
  ['customers.dwmap', 'CreditLimit        -> creditlimit', 'default', 'keyword.other.default.dwmap'],
  ['customers.dwmap', 'CreditLimit        -> creditlimit', '0', 'constant.numeric.dwmap'],
  ['customers.dwmap', 'LanguageId        <-  none', '<-', 'keyword.operator.direction.to-fo.dwmap'],
  ['customers.dwmap', 'LanguageId        <-  none', 'none', 'keyword.other.none.dwmap'],
  ['customers.dwmap', 'msdyn_customergroupid.msdyn_groupid', '.', 'punctuation.accessor.dwmap'],
  ['customers.dwmap', 'msdyn_customergroupid.msdyn_groupid', ' lookup, bound by the target\'s key', 'comment.line.double-slash.dwmap'],
  ['customers.dwmap', 'via PaymentTermsCodes', 'via', 'keyword.other.via.dwmap'],
  ['customers.dwmap', 'via PaymentTermsCodes', 'PaymentTermsCodes', 'entity.name.function.conversion.dwmap'],
  ['customers.dwmap', 'via Contoso.Integration.Text.TitleCase', 'Contoso.Integration.Text.TitleCase', 'entity.name.function.conversion.dwmap'],
  ['customers.dwmap', 'valuemap PaymentTermsCodes', 'valuemap', 'storage.type.valuemap.dwmap'],
  ['customers.dwmap', 'valuemap PaymentTermsCodes', 'PaymentTermsCodes', 'entity.name.type.valuemap.dwmap'],
  ['customers.dwmap', 'else     -> 1', 'else', 'keyword.control.else.dwmap'],
  ['customers.dwmap', 'numbers CustomerAccounts', 'numbers', 'storage.type.numbers.dwmap'],
  ['customers.dwmap', 'numbers CustomerAccounts', 'CustomerAccounts', 'entity.name.type.numbers.dwmap'],
  ['customers.dwmap', 'numbers CustomerAccounts', 'for', 'keyword.other.for.dwmap'],
  ['customers.dwmap', 'numbers CustomerAccounts', 'Customers', 'entity.name.type.map.reference.dwmap'],
  ['customers.dwmap', 'numbers CustomerAccounts', 'CustomerAccount', 'variable.other.field.dwmap'],
  ['customers.dwmap', '"US0001".."US4999"', 'fo', 'keyword.other.side.dwmap'],
  ['customers.dwmap', '"US0001".."US4999"', '..', 'keyword.operator.range.dwmap'],
  ['customers.dwmap', '"US0001".."US4999"', 'US4999', 'string.quoted.double.dwmap'],
  ['vendors.dwmap', 'conflict fo-wins', 'fo-wins', 'constant.language.conflict-policy.dwmap'],
  ['vendors.dwmap', 'deletes ignore', 'deletes', 'keyword.other.deletes.dwmap'],
  ['vendors.dwmap', 'deletes ignore', 'ignore', 'constant.language.delete-policy.dwmap'],
  ['vendors.dwmap', 'CustVendorBlocked::Invoice', 'CustVendorBlocked', 'entity.name.type.enum.dwmap'],
  ['vendors.dwmap', 'CustVendorBlocked::Invoice', '::', 'punctuation.separator.scope.dwmap'],
  ['vendors.dwmap', 'CustVendorBlocked::Invoice', 'Invoice', 'variable.other.enummember.dwmap'],
  ['vendors.dwmap', 'NoYes::Yes <-> true', 'true', 'constant.language.dwmap'],
  ['vendors.dwmap', 'fo        prefix "F"', 'prefix', 'keyword.other.prefix.dwmap'],
  ['products.dwmap', 'map Products :', '->', 'keyword.operator.direction.to-dataverse.dwmap'],
  ['products.dwmap', 'map Products :', 'msdyn_globalproducts', 'support.class.entity-set.dataverse.dwmap'],
  ['products.dwmap', 'company global', 'global', 'constant.language.company-scope.dwmap'],
  ['products.dwmap', 'default 690970000', '690970000', 'constant.numeric.dwmap'],
  ['contacts.dwmap', 'parentcustomerid.Account(accountnumber)', 'Account', 'entity.name.type.table.dwmap'],
  ['contacts.dwmap', 'parentcustomerid.Account(accountnumber)', 'accountnumber', 'variable.other.column.dwmap'],
  ['contacts.dwmap', 'filter dataverse `statecode eq 0`', '`', 'punctuation.definition.string.begin.dwmap'],
  // contextual keywords: fields called key, filter, after are not keywords
  ['fixture.dwmap', 'Grammar test fixture', ' Grammar test fixture: contextual keywords and literals that the samples do not use.', 'comment.block.dwmap'],
  ['fixture.dwmap', 'Not a valid map', '   Not a valid map against the sample schemas. ', 'comment.block.dwmap'],
  ['fixture.dwmap', 'key key <-> filter', 'key', 'keyword.other.key.dwmap', 0],
  ['fixture.dwmap', 'key key <-> filter', 'key', '!keyword.other.key.dwmap', 1],
  ['fixture.dwmap', 'key key <-> filter', 'filter', '!keyword.other.filter.dwmap'],
  ['fixture.dwmap', 'key key <-> filter', 'filter', 'variable.other.column.dataverse.dwmap'],
  ['fixture.dwmap', 'key     <-> name', 'key', '!keyword.other.key.dwmap'],
  ['fixture.dwmap', 'key     <-> name', 'key', 'variable.other.field.fo.dwmap'],
  ['fixture.dwmap', 'filter  <-> description', 'filter', '!keyword.other.filter.dwmap'],
  ['fixture.dwmap', 'filter  <-> description', '\\"', 'constant.character.escape.dwmap', 0],
  ['fixture.dwmap', 'filter  <-> description', '\\\\', 'constant.character.escape.dwmap'],
  ['fixture.dwmap', 'after   <-> msdyn_after', 'after', '!keyword.other.after.dwmap'],
  ['fixture.dwmap', 'after   <-> msdyn_after', 'after', 'variable.other.field.fo.dwmap'],
  ['customers.dwmap', 'none               -> customertypecode', 'none', 'keyword.other.none.dwmap'],
  ['customers.dwmap', 'LanguageId        <-  none', 'none', '!variable.other.column.dataverse.dwmap'],
  ['vendors.dwmap', 'NoYes::Yes <-> true', 'Yes', 'variable.other.enummember.dwmap'],
  ['fixture.dwmap', 'Amount  <-  amount', '-12.50', 'constant.numeric.dwmap'],
  ['fixture.dwmap', 'Kind    <-  kind', 'null', 'constant.language.dwmap'],
  ['fixture.dwmap', 'Owner   <->', 'Contact', 'entity.name.type.table.dwmap'],
  ['fixture.dwmap', 'Owner   <->', 'msdyn_contactpersonid', 'variable.other.column.dwmap'],
  ['fixture.dwmap', 'Bad     <-  bad', '\\n', 'invalid.illegal.escape.dwmap'],
  ['fixture.dwmap', 'map Odd :', '<-', 'keyword.operator.direction.to-fo.dwmap'],
];

async function main() {
  const grammar = await loadGrammar();
  const fileOf = (name) => name === 'fixture.dwmap' ? path.join(here, name) : path.join(maps, name);
  if (process.argv[2] === '--dump') {
    for (const t of tokenize(grammar, path.resolve(process.argv[3]))) {
      if (t.text.trim()) console.log(`${t.line}: ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`);
    }
    return;
  }

  const cache = new Map();
  let failures = 0;
  for (const [file, lineHint, text, scope, occurrence = 0] of expectations) {
    if (!cache.has(file)) cache.set(file, tokenize(grammar, fileOf(file)));
    const candidates = cache.get(file).filter((t) => t.lineText.includes(lineHint) && t.text === text);
    const token = candidates[occurrence];
    const negate = scope.startsWith('!');
    const name = negate ? scope.slice(1) : scope;
    const ok = token !== undefined && token.scopes.includes(name) !== negate;
    if (!ok) {
      failures++;
      console.log(`FAIL ${file}: ${JSON.stringify(text)} on the line with ${JSON.stringify(lineHint)} should ${negate ? 'not ' : ''}have ${name}; ` +
        (token ? `has ${token.scopes.join(' ')}` : `no such token (${candidates.length} found)`));
    }
  }

  // Every non-blank token of the samples gets a scope beyond source.dwmap, or is a plain name or whitespace.
  for (const file of fs.readdirSync(maps).filter((f) => f.endsWith('.dwmap'))) {
    for (const t of tokenize(grammar, path.join(maps, file))) {
      const plain = t.scopes.length === 1 || t.scopes.every((s) => s === 'source.dwmap' || s.startsWith('meta.'));
      if (plain && t.text.trim() && !/^[\sA-Za-z0-9_]+$/.test(t.text)) {
        failures++;
        console.log(`FAIL ${file}:${t.line}: ${JSON.stringify(t.text)} has no scope`);
      }
    }
  }

  // The VS Code extension ships a copy of the grammar.
  const copy = path.resolve(here, '../../vscode/syntaxes/dwmap.tmLanguage.json');
  if (!fs.existsSync(copy) || fs.readFileSync(copy, 'utf8') !== fs.readFileSync(grammarPath, 'utf8')) {
    failures++;
    console.log('FAIL editors/vscode/syntaxes/dwmap.tmLanguage.json differs from editors/textmate/dwmap.tmLanguage.json; copy it');
  }

  console.log(`${expectations.length} scope checks, ${failures} failure(s)`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((e) => { console.error(e); process.exitCode = 2; });
