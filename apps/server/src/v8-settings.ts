/**
 * V8 settings of the server's process, made before the rest of the server is loaded: portolan.ts
 * imports this module first, so `node apps/server/src/main.ts`, scripts/start.sh, the OCI image and the
 * benchmarks' servers all run with them.
 *
 * Allocation-site pretenuring off. V8 learns that objects made at one place in the code tend to live
 * long, and from then on makes them in the old generation directly. When it has learnt that of a place
 * where requests make short-lived objects (rows read from PostgreSQL, most likely), each of those
 * dead old objects keeps what it points to (young) alive through every young-generation collection
 * until a full one, and those are copied and promoted in turn. With it off, what survived a young
 * collection under the search benchmark fell from about 5.8 MB to 1.7 MB, and the requests over 10 ms
 * that one of the server's collections held up by about half (BENCHMARKS.md, "Scale-out, sixteenth
 * pass").
 */
import v8 from 'node:v8';

v8.setFlagsFromString('--no-allocation-site-pretenuring');
