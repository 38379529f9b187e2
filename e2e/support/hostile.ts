/** Corpus text written to attack the UI: if any of it ever runs, window.__xss gets set. */
const filler = "The regional council met on Tuesday to discuss the harbour budget, the new cycle lanes and the library. ".repeat(4);

export const HOSTILE_DOCS = [
  `<script>window.__xss=1</script> Opening statement from the mayor's office.\n${filler}\n<img src=x onerror="window.__xss=2"> followed by more text.`,
  `<a href="javascript:window.__xss=3">click for the full report</a>\n${filler}\n</textarea><svg onload="window.__xss=4"></svg><iframe src="javascript:window.__xss=5"></iframe>`,
  `A line that never ends: ${"x".repeat(30000)}\n${filler}\n<style>body{display:none}</style><b onmouseover="window.__xss=6">hover me</b>`,
];

export const HOSTILE_QUESTION = `What did <script>window.__xss=7</script> the council <img src=x onerror="window.__xss=8"> discuss?`;
