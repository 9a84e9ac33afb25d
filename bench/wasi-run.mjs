// Runs a WASI (preview1) program under Node.js: the WASI rows of make bench.
//
//   node --no-warnings wasi-run.mjs PROGRAM.wasm [ARG...]
//
// The program gets its arguments and an empty environment and no directory
// (the start-up, size and compute programs open no file); its exit status
// is this process's.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, exit } from 'node:process';

if (argv.length < 3 || argv[2] === '--help') {
  console.error('wasi-run: usage: node --no-warnings wasi-run.mjs PROGRAM.wasm [ARG...]');
  exit(argv[2] === '--help' ? 0 : 2);
}
const wasi = new WASI({ version: 'preview1', args: argv.slice(2), env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
