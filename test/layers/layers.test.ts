// Layers you can see (STYLE.md): shared/ imports no Electron, no Node built-ins and no React;
// renderer/ never imports main/. Checked on the source text, every file.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/cli';

function sourceFiles(dir: string): string[] {
  const root = path.join(projectRoot, dir);
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(root, f));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specifiers.push(m[1] ?? m[2] ?? m[3]);
  }
  return specifiers;
}

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('layers', () => {
  it('keeps shared/ free of Electron, Node built-ins and React', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('shared')) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('node:') || nodeBuiltins.has(spec) || spec === 'electron' || spec.startsWith('react') || spec.startsWith('@nivo')) {
          offences.push(`${path.relative(projectRoot, file)} imports ${spec}`);
        }
        if (spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(path.join(projectRoot, 'shared'))) {
          offences.push(`${path.relative(projectRoot, file)} reaches outside shared/: ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
    expect(sourceFiles('shared').length).toBeGreaterThan(5);
  });

  it('never lets renderer/ import main/ or Node built-ins', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('renderer')) {
      for (const spec of importsOf(file)) {
        const resolved = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : '';
        if (resolved.startsWith(path.join(projectRoot, 'main'))) offences.push(`${path.relative(projectRoot, file)} imports ${spec}`);
        if (spec.startsWith('node:') || nodeBuiltins.has(spec) || spec === 'electron') offences.push(`${path.relative(projectRoot, file)} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('finds imports of every form it checks for', () => {
    const sample = path.join(projectRoot, 'test/layers/__sample__.ts');
    fs.writeFileSync(sample, "import fs from 'node:fs';\nexport { x } from '../main/x';\nconst y = await import('electron');\n");
    try {
      expect(importsOf(sample)).toEqual(['node:fs', '../main/x', 'electron']);
    } finally {
      fs.rmSync(sample);
    }
  });
});
