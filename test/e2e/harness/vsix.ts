// Packaging an extension folder into a .vsix, offline.
//  - packageVsix: the repo's @vscode/vsce (a devDependency) — the real tool, honours .vscodeignore /
//    "files", runs `vscode:prepublish` and validates the manifest.
//  - zipVsix: a hand-made zip in the vsix layout (extension.vsixmanifest, [Content_Types].xml,
//    extension/…) with no tool at all; takes every file except node_modules/.git unless `files` is given.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { e2eEnv } from './env';
import { log } from './util';

export interface PackageOptions {
  /** Where to write the .vsix (use a temp path: *.vsix is git-ignored, but keep the repo clean). */
  out: string;
  /** Let vsce collect production dependencies with npm (default false: the extension is bundled or has none). */
  dependencies?: boolean;
  /**
   * Also pass --allow-missing-repository --skip-license (for throwaway fixtures). Off by default, so
   * the real extension is packaged exactly as a release would be: `vsce package --no-dependencies -o …`.
   */
  lenient?: boolean;
  timeoutMs?: number;
}

/** `vsce package` with no prompts (CI has no stdin: a prompt reads EOF and fails instead of hanging). */
export async function packageVsix(extDir: string, opts: PackageOptions): Promise<string> {
  const { vsceMain } = e2eEnv();
  if (!fs.existsSync(vsceMain)) throw new Error(`vsce is not installed at ${vsceMain}: run npm ci`);
  const out = path.resolve(opts.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const args = [
    vsceMain,
    'package',
    opts.dependencies ? '--dependencies' : '--no-dependencies',
    // README links into docs/ stay relative (the package has no public repository to rewrite them against).
    '--no-rewrite-relative-links',
    ...(opts.lenient ? ['--allow-missing-repository', '--skip-license'] : []),
    '-o',
    out,
  ];
  log(`vsce ${args.slice(1).join(' ')} (in ${extDir})`);
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      args,
      { cwd: extDir, timeout: opts.timeoutMs ?? 300_000, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`vsce package failed in ${extDir}: ${err.message}\n${stdout}${stderr}`));
        else resolve();
      },
    );
    child.stdin?.end(); // a prompt gets EOF (answers "no") instead of hanging
  });
  if (!fs.existsSync(out)) throw new Error(`vsce did not write ${out}`);
  return out;
}

// ------------------------------------------------------------------ hand-made zip

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A minimal ZIP (deflate, UTF-8 names, fixed 1980 timestamp so builds are reproducible). */
export function writeZip(file: string, entries: Array<{ name: string; data: Buffer }>): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const comp = zlib.deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by: unix, 3.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(comp.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, comp);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([...locals, cd, end]));
}

function xml(s: unknown): string {
  return String(s ?? '').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.name === 'node_modules' || e.name === '.git' || e.name.endsWith('.vsix')) continue;
    if (e.isDirectory()) out.push(...listFiles(root, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.js': 'application/javascript',
  '.cjs': 'application/javascript',
  '.mjs': 'application/javascript',
  '.md': 'text/markdown',
  '.txt': 'text/plain',
  '.css': 'text/css',
  '.html': 'text/html',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.vsixmanifest': 'text/xml',
};

/** Builds a .vsix by hand (no vsce): the files of `extDir` (or `files`, relative to it) under extension/. */
export function zipVsix(extDir: string, out: string, files?: string[]): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8')) as Record<string, any>;
  const list = (files ?? listFiles(extDir)).filter((f) => !/^(\.vscodeignore|\.gitignore)$/.test(f)).sort();
  const manifest = `<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="${xml(pkg.name)}" Version="${xml(pkg.version)}" Publisher="${xml(pkg.publisher)}" />
    <DisplayName>${xml(pkg.displayName ?? pkg.name)}</DisplayName>
    <Description xml:space="preserve">${xml(pkg.description)}</Description>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="${xml(pkg.engines?.vscode)}" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace" />
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code" />
  </Installation>
  <Dependencies />
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
  </Assets>
</PackageManifest>
`;
  const exts = new Set(['.vsixmanifest', ...list.map((f) => path.extname(f).toLowerCase()).filter(Boolean)]);
  const types = `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${[...exts]
    .sort()
    .map((e) => `<Default Extension="${xml(e)}" ContentType="${CONTENT_TYPES[e] ?? 'application/octet-stream'}"/>`)
    .join('')}</Types>
`;
  writeZip(path.resolve(out), [
    { name: 'extension.vsixmanifest', data: Buffer.from(manifest) },
    { name: '[Content_Types].xml', data: Buffer.from(types) },
    ...list.map((f) => ({ name: `extension/${f}`, data: fs.readFileSync(path.join(extDir, f)) })),
  ]);
  log(`zipped ${list.length} files of ${extDir} -> ${out}`);
  return path.resolve(out);
}
