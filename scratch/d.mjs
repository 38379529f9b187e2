import fs from 'node:fs';
import * as w from '@prisma/prisma-schema-wasm';
console.log(Object.keys(w));
const files = fs.readdirSync('prisma/schema').map(f => [`prisma/schema/${f}`, fs.readFileSync(`prisma/schema/${f}`,'utf8')]);
const out = w.get_dmmf(JSON.stringify({ prismaSchema: files }));
const d = JSON.parse(out);
console.log(JSON.stringify(d.datamodel.models[2]).slice(0,1500));
