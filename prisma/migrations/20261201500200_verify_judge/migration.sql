-- The optional judge check (off by default): 0–10 scores for specificity, answerability, faithfulness and answer
-- quality with a one-line reason, stored as a pair_check of kind 'judge' (scores in raw_output, mean in match_score).
ALTER TYPE "CheckKind" ADD VALUE 'judge';
