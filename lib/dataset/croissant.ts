import { COLUMNS, type ColumnKind } from "./rows";
import type { DatasetManifest } from "./card";

const DATA_TYPE: Record<ColumnKind, string> = { string: "sc:Text", int: "sc:Integer", json: "sc:Text", messages: "sc:Text" };

/**
 * Croissant 1.0 metadata (mlcommons.org/croissant/1.0): the shards as FileObjects with sha256, one FileSet per
 * split, a RecordSet of the row fields (read from the shards), and a split RecordSet (cr:Split).
 */
export function croissant(m: DatasetManifest) {
  const splits = Object.keys(m.splits.sizes);
  const encoding = m.shard_format === "parquet" ? "application/x-parquet" : "application/jsonlines+gzip";
  const fields = COLUMNS[m.row_format];
  return {
    "@context": {
      "@language": "en", "@vocab": "https://schema.org/", citeAs: "cr:citeAs", column: "cr:column", conformsTo: "dct:conformsTo",
      cr: "http://mlcommons.org/croissant/", data: { "@id": "cr:data", "@type": "@json" }, dataType: { "@id": "cr:dataType", "@type": "@vocab" },
      dct: "http://purl.org/dc/terms/", examples: { "@id": "cr:examples", "@type": "@json" }, extract: "cr:extract", field: "cr:field",
      fileProperty: "cr:fileProperty", fileObject: "cr:fileObject", fileSet: "cr:fileSet", format: "cr:format", includes: "cr:includes",
      isLiveDataset: "cr:isLiveDataset", jsonPath: "cr:jsonPath", key: "cr:key", md5: "cr:md5", parentField: "cr:parentField", path: "cr:path",
      recordSet: "cr:recordSet", references: "cr:references", regex: "cr:regex", repeated: "cr:repeated", replace: "cr:replace",
      sc: "https://schema.org/", separator: "cr:separator", source: "cr:source", subField: "cr:subField", transform: "cr:transform",
    },
    "@type": "sc:Dataset",
    conformsTo: "http://mlcommons.org/croissant/1.0",
    name: "in2-long-context",
    description: `IN2 long-context question–answer pairs (${m.row_format} rows), split by document: ${splits.join(", ")}.`,
    license: m.license,
    url: "https://huggingface.co/datasets/YOUR_NAME/YOUR_DATASET",
    version: "1.0.0",
    keywords: ["long-context", "in2", "sft"],
    distribution: [
      ...m.shards.map((s) => ({ "@type": "cr:FileObject", "@id": s.file, name: s.file, contentUrl: s.file, encodingFormat: encoding, sha256: s.sha256, contentSize: `${s.bytes} B` })),
      { "@type": "cr:FileSet", "@id": "shards", name: "shards", encodingFormat: encoding, includes: `data/*.${m.shard_format === "parquet" ? "parquet" : "jsonl.gz"}` },
    ],
    recordSet: [
      {
        "@type": "cr:RecordSet", "@id": "splits", name: "splits", dataType: "cr:Split", key: { "@id": "splits/name" },
        field: [{ "@type": "cr:Field", "@id": "splits/name", name: "name", dataType: "sc:Text" }],
        data: splits.map((s) => ({ "splits/name": s })),
      },
      {
        "@type": "cr:RecordSet", "@id": "default", name: "default",
        field: [
          { "@type": "cr:Field", "@id": "default/split", name: "split", dataType: "sc:Text", references: { field: { "@id": "splits/name" } },
            source: { fileSet: { "@id": "shards" }, extract: { fileProperty: "fullpath" }, transform: { regex: "^data/([a-z0-9_]+)-\\d{5}-of-\\d{5}\\..*$" } } },
          ...fields.map(([name, kind]) => ({
            "@type": "cr:Field", "@id": `default/${name}`, name, dataType: DATA_TYPE[kind],
            ...(kind === "messages" ? { repeated: true, description: "list of {role, content} messages" } : {}),
            ...(kind === "json" ? { description: "JSON object" } : {}),
            source: { fileSet: { "@id": "shards" }, extract: { column: name } },
          })),
        ],
      },
    ],
  };
}
