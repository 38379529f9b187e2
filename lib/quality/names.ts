import { wordKey } from "./normalize";

const LEADING = new Set(["the", "a", "an"]);

/**
 * The names an answer gives (as written, and as word keys): runs of capitalised words ("Jane Porter", "The Onion", "AT&T", "US") and
 * tokens with digits ("QR1.83bn", "$4.5m"). A lone capitalised word that opens a sentence is just a capital
 * ("The", "Yes") and not a name, unless it is an acronym. Used to tell a grounded short answer from a paraphrase.
 */
export function answerNames(answer: string): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  const tokens = answer.split(/\s+/).filter(Boolean);
  let run: string[] = [];
  let runStartsSentence = false;
  const flush = () => {
    if (run.length === 0) return;
    const single = run.length === 1 ? run[0]! : "";
    const acronym = /^\p{Lu}[\p{Lu}&.\d]+$/u.test(single.replace(/[^\p{L}\p{N}&.]/gu, ""));
    if (!(runStartsSentence && single && !acronym && !/\d/.test(single))) {
      let key = wordKey(run.join(" "));
      const first = key.split(" ")[0] ?? "";
      if (LEADING.has(first) && key.includes(" ")) key = key.slice(first.length + 1);
      if (key) out.push({ key, text: run.join(" ") });
    }
    run = [];
  };
  tokens.forEach((token, i) => {
    const bare = token.replace(/^[^\p{L}\p{N}$€£¥]+|[^\p{L}\p{N}%]+$/gu, "");
    const startsSentence = i === 0 || /[.!?:]["”’)]?$/.test(tokens[i - 1] ?? "");
    const isName = /^\p{Lu}/u.test(bare) || /\d/.test(bare);
    if (isName) {
      if (run.length === 0) runStartsSentence = startsSentence;
      run.push(bare);
    } else flush();
    if (/[,;:.!?)"”]$/.test(token)) flush(); // punctuation ends a name
  });
  flush();
  return out;
}
