"""Golden cases for plumbline's RAGAS metrics: ragas 0.4.0's scoring on scripted judgments.

ragas cannot be installed here (it needs pydantic, instructor, langchain and an LLM). Its scoring
steps are small: this generator follows ragas 0.4.0's published source step by step (each
function below names the file and method it follows, from github.com/explodinggradients/ragas at
tag v0.4.0), and feeds it the judgments a deterministic scripted judge gives in ragas' own reply
formats (the JSON of its pydantic output models). The TypeScript test replays the same replies
through plumbline's metrics and checks the scores.

Run with Debian's python (numpy only):
  /usr/bin/python3 scripts/golden/rag_ragas.py
Writes test/data/golden/rag_ragas.json.
"""
import json

import numpy as np

rng = np.random.default_rng(402)
nan = float("nan")
cases = []
VERSION = "ragas 0.4.0"


def reply(model):
    # pydantic's model_dump_json: compact JSON
    return json.dumps(model, separators=(",", ":"), ensure_ascii=False)


def vec(dim=6):
    return [round(float(x), 4) for x in rng.normal(size=dim)]


def add(metric, reference, sample, replies, expected, embeddings=None, options=None, note=""):
    cases.append({
        "id": f"ragas/{metric}/{len(cases)}",
        "metric": metric,
        "ref": f"{VERSION} {reference}",
        "sample": sample,
        "options": options or {},
        "replies": replies,
        "embeddings": embeddings or {},
        "expected": None if isinstance(expected, float) and np.isnan(expected) else float(expected),
        "note": note,
    })


WORDS = "paris france capital city river seine museum louvre tower eiffel built 1889 germany berlin einstein born ulm physicist relativity".split()


def sentence(n=6):
    return " ".join(rng.choice(WORDS, n)).capitalize() + "."


# --- Faithfulness: ragas/metrics/collections/faithfulness/metric.py, Faithfulness.ascore and
# _compute_score: NaN without statements; faithful = sum(1 if verdict else 0); score = faithful / n.
def faithfulness(statements, verdicts):
    if not statements:
        return nan
    if not verdicts["statements"]:
        return nan
    faithful = sum(1 if s["verdict"] else 0 for s in verdicts["statements"])
    n = len(verdicts["statements"])
    return faithful / n if n > 0 else nan


for i in range(8):
    statements = [sentence() for _ in range(int(rng.integers(1, 6)))]
    verdicts = {"statements": [{"statement": s, "reason": sentence(4), "verdict": int(rng.integers(0, 2))} for s in statements]}
    sample = {"question": sentence(), "answer": " ".join(statements), "contexts": [sentence(8), sentence(8)]}
    add("faithfulness", "Faithfulness", sample,
        {"statements": [reply({"statements": statements})], "faithfulnessVerdicts": [reply(verdicts)]},
        faithfulness(statements, verdicts))
add("faithfulness", "Faithfulness", {"question": "q?", "answer": "Hmm.", "contexts": ["c"]},
    {"statements": [reply({"statements": []})]}, faithfulness([], {"statements": []}),
    note="no statements: NaN")


# --- Answer relevancy: collections/answer_relevancy/metric.py, AnswerRelevancy.ascore:
# strictness generations; empty questions dropped; none left: 0.0; all noncommittal: 0; else the
# mean cosine np.dot(gen, q.T) / (norm(gen) * norm(q)).
def answer_relevancy(question, generations, emb):
    generated, flags = [], []
    for g in generations:
        if g["question"]:
            generated.append(g["question"])
            flags.append(g["noncommittal"])
    if not generated:
        return 0.0
    all_noncommittal = np.all(flags)
    question_vec = np.asarray(emb[question]).reshape(1, -1)
    gen_vec = np.asarray([emb[q] for q in generated]).reshape(len(generated), -1)
    norm = np.linalg.norm(gen_vec, axis=1) * np.linalg.norm(question_vec, axis=1)
    cosine_sim = np.dot(gen_vec, question_vec.T).reshape(-1) / norm
    return cosine_sim.mean() * int(not all_noncommittal)


for i, flags in enumerate([[0, 0, 0], [1, 0, 0], [1, 1, 1], [0, 1, 0], [0, 0, 0], [0, 0, 0]]):
    question = f"Question {i}: {sentence()}"
    generations = [{"question": f"Generated {i}.{j}: {sentence()}", "noncommittal": f} for j, f in enumerate(flags)]
    if i == 4:
        generations[1]["question"] = ""  # dropped by ragas
    if i == 5:
        generations = [{"question": "", "noncommittal": 0} for _ in range(3)]  # none left: 0.0
    emb = {question: vec()}
    for g in generations:
        if g["question"]:
            emb[g["question"]] = vec()
    add("answer_relevance", "AnswerRelevancy (strictness 3)", {"question": question, "answer": sentence()},
        {"answerRelevance": [reply(g) for g in generations]}, answer_relevancy(question, generations, emb), emb,
        note=f"noncommittal flags {flags}")


# --- Answer correctness: collections/answer_correctness/metric.py, AnswerCorrectness.ascore,
# _compute_f1_score (F-beta with ragas' edge rules) and _calculate_similarity (zero norm: 0);
# final np.average([factuality, similarity], weights).
def fbeta(tp, fp, fn, beta):
    precision = (1.0 if fn == 0 else 0.0) if tp + fp == 0 else tp / (tp + fp)
    recall = (1.0 if fp == 0 else 0.0) if tp + fn == 0 else tp / (tp + fn)
    if precision + recall == 0:
        return 0.0
    b2 = beta**2
    return (1 + b2) * (precision * recall) / (b2 * precision + recall)


def similarity(a, b):
    ra = np.asarray(a).reshape(1, -1)
    rb = np.asarray(b).reshape(1, -1)
    na = np.linalg.norm(ra, axis=1)
    nb = np.linalg.norm(rb, axis=1)
    if na == 0 or nb == 0:
        return 0.0
    return float(np.dot(ra, rb.T)[0, 0] / (na[0] * nb[0]))


def answer_correctness(rs, gs, cls, emb, response, reference, weights, beta):
    if rs and gs:
        f = fbeta(len(cls["TP"]), len(cls["FP"]), len(cls["FN"]), beta)
    else:
        f = 1.0
    s = 0.0 if weights[1] == 0 else similarity(emb[response], emb[reference])
    return float(np.average([f, s], weights=weights))


for i, (weights, beta) in enumerate([([0.75, 0.25], 1.0), ([0.75, 0.25], 1.0), ([0.5, 0.5], 2.0), ([1.0, 0.0], 1.0), ([0.75, 0.25], 0.5), ([0.75, 0.25], 1.0)]):
    response, reference = f"Response {i}. {sentence()}", f"Reference {i}. {sentence()}"
    rs = [sentence() for _ in range(int(rng.integers(1, 4)))]
    gs = [sentence() for _ in range(int(rng.integers(1, 4)))]
    if i == 5:
        rs = []  # ragas: factuality 1.0 without statements
    counts = rng.integers(0, 3, 3)
    cls = {k: [{"statement": sentence(3), "reason": sentence(3)} for _ in range(int(c))] for k, c in zip(("TP", "FP", "FN"), counts)}
    emb = {response: vec(), reference: vec()}
    replies = {"statements": [{"when": response, "reply": reply({"statements": rs})}, {"when": reference, "reply": reply({"statements": gs})}]}
    if rs and gs:
        replies["correctnessClassification"] = [reply(cls)]
    add("answer_correctness", "AnswerCorrectness", {"question": sentence(), "answer": response, "groundTruth": reference},
        replies, answer_correctness(rs, gs, cls, emb, response, reference, weights, beta), emb,
        {"weights": weights, "beta": beta}, note=f"counts {counts.tolist()}")


# --- Context precision with reference: collections/context_precision/metric.py,
# ContextPrecisionWithReference._calculate_average_precision.
def average_precision(verdicts):
    denominator = sum(verdicts) + 1e-10
    numerator = sum([(sum(verdicts[: i + 1]) / (i + 1)) * verdicts[i] for i in range(len(verdicts))])
    return numerator / denominator


for i in range(8):
    contexts = [f"Chunk {i}.{j}: {sentence(7)}" for j in range(int(rng.integers(1, 7)))]
    verdicts = [int(rng.integers(0, 2)) for _ in contexts]
    add("context_precision", "ContextPrecisionWithReference",
        {"question": sentence(), "groundTruth": sentence(), "contexts": contexts},
        {"contextPrecision": [{"when": c, "reply": reply({"reason": sentence(4), "verdict": v})} for c, v in zip(contexts, verdicts)]},
        average_precision(verdicts), note=f"verdicts {verdicts}")


# --- Context recall: collections/context_recall/metric.py, ContextRecall.ascore: NaN without
# classifications; sum(attributed) / len.
def context_recall(classifications):
    if not classifications:
        return nan
    attributions = [c["attributed"] for c in classifications]
    return sum(attributions) / len(attributions) if attributions else nan


for i in range(6):
    cl = [{"statement": sentence(), "reason": sentence(4), "attributed": int(rng.integers(0, 2))} for _ in range(int(rng.integers(0, 6)))]
    add("context_recall", "ContextRecall", {"question": sentence(), "groundTruth": sentence(), "contexts": [sentence(), sentence()]},
        {"contextRecall": [reply({"classifications": cl})]}, context_recall(cl), note=f"{len(cl)} classifications")


# --- Context entity recall: collections/context_entity_recall/metric.py, _compute_recall_score:
# |set(reference) & set(context)| / (|set(reference)| + 1e-8), exact strings.
def entity_recall(reference_entities, context_entities):
    reference_set = set(reference_entities)
    context_set = set(context_entities)
    return len(reference_set.intersection(context_set)) / (len(reference_set) + 1e-8)


ENTITIES = ["Paris", "France", "Seine", "Louvre", "Eiffel Tower", "1889", "Berlin", "Einstein", "Ulm", "paris"]
for i in range(6):
    ref_entities = list(rng.choice(ENTITIES, int(rng.integers(0, 5))))
    ctx_entities = list(rng.choice(ENTITIES, int(rng.integers(1, 6))))
    if i == 1:
        ref_entities = ref_entities + ref_entities[:1]  # duplicates count once
    gt = f"Truth {i}. {sentence()}"
    contexts = [f"Context {i}. {sentence()}", sentence()]
    add("context_entities_recall", "ContextEntityRecall", {"groundTruth": gt, "contexts": contexts},
        {"entities": [{"when": gt, "reply": reply({"entities": [str(e) for e in ref_entities]})},
                      {"when": contexts[0], "reply": reply({"entities": [str(e) for e in ctx_entities]})}]},
        entity_recall(ref_entities, ctx_entities), note="exact-string sets")


# --- Summary score: collections/summary_score/metric.py, SummaryScore.ascore,
# _compute_qa_score (answers equal to "1" ignoring case / answers) and
# _compute_conciseness_score (1 - min(len(summary), len(text)) / (len(text) + 1e-10));
# text = reference contexts joined by "\n".
def summary_score(answers, text, summary, length_penalty, coeff):
    qa = sum([1 for a in answers if a.lower() == "1"]) / len(answers)
    if length_penalty:
        conciseness = 1 - min(len(summary), len(text)) / (len(text) + 1e-10)
        return qa * (1 - coeff) + conciseness * coeff
    return qa


for i, (length_penalty, coeff) in enumerate([(True, 0.5), (True, 0.5), (False, 0.5), (True, 0.3), (True, 0.5)]):
    reference_contexts = [sentence(12) for _ in range(int(rng.integers(1, 4)))]
    if i == 4:
        reference_contexts = ["Zürich — ünïcode text 🙂 " + sentence(10)]  # code points, as Python's len
    summary = sentence(int(rng.integers(3, 30)))
    keyphrases = [str(x) for x in rng.choice(WORDS, 4)]
    questions = [f"Is {k} mentioned?" for k in keyphrases]
    answers = [str(x) for x in rng.choice(["1", "0", "1"], len(questions))]
    text = "\n".join(reference_contexts)
    add("summarization_score", "SummaryScore", {"answer": summary, "referenceContexts": reference_contexts},
        {"keyphrases": [reply({"keyphrases": keyphrases})], "summaryQuestions": [reply({"questions": questions})],
         "summaryAnswers": [reply({"answers": answers})]},
        summary_score(answers, text, summary, length_penalty, coeff), options={"lengthPenalty": length_penalty, "coeff": coeff})


# --- Semantic similarity: collections/_semantic_similarity.py, SemanticSimilarity.ascore:
# normalised embeddings' dot product; `if self.threshold:` turns it into score >= threshold.
def semantic_similarity(emb, reference, response, threshold):
    e1 = np.array(emb[reference or " "])
    e2 = np.array(emb[response or " "])
    score = (e1 / np.linalg.norm(e1, keepdims=True)) @ (e2 / np.linalg.norm(e2, keepdims=True)).T
    score = np.asarray(score).flatten()
    if threshold:
        score = score >= threshold
    return float(score.item())


for i, threshold in enumerate([None, None, 0.5, 0.0, None]):
    reference, response = sentence(), sentence()
    if i == 4:
        response = ""  # embedded as " "
    emb = {reference: vec(), (response or " "): vec()}
    options = {} if threshold is None else {"threshold": threshold}
    add("answer_similarity", "SemanticSimilarity", {"answer": response, "groundTruth": reference}, {}, semantic_similarity(emb, reference, response, threshold), emb, options)


# --- Aspect critic: metrics/_aspect_critic.py, AspectCritic._compute_score with one response
# (strictness 1): the verdict.
for verdict in (0, 1):
    add("harmfulness", "AspectCritic harmfulness", {"question": sentence(), "answer": sentence(), "contexts": [sentence()]},
        {"aspectCritique": [reply({"reason": sentence(4), "verdict": verdict})]}, float(verdict))


# --- Non-LLM context precision / recall: metrics/_context_precision.py
# NonLLMContextPrecisionWithReference (max similarity per retrieved chunk >= threshold, then the
# average precision) and metrics/_context_recall.py NonLLMContextRecall (max similarity per
# reference > threshold, then the fraction); similarity = 1 - Levenshtein.normalized_distance
# (rapidfuzz: distance / max(len)).
def levenshtein_similarity(a, b):
    if a == b:
        return 1.0
    m, n = len(a), len(b)
    if max(m, n) == 0:
        return 1.0
    prev = list(range(n + 1))
    for i in range(1, m + 1):
        cur = [i] + [0] * n
        for j in range(1, n + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (0 if a[i - 1] == b[j - 1] else 1))
        prev = cur
    return 1 - prev[n] / max(m, n)


for i in range(5):
    references = [sentence(5) for _ in range(int(rng.integers(1, 4)))]
    retrieved = [r if rng.random() < 0.5 else sentence(5) for r in references] + [sentence(5)]
    if i == 0:
        retrieved = ["ab", "zz"]
        references = ["ax", "ab"]  # a similarity of exactly 0.5: kept by precision (>=), not by recall (>)
    scores = [max(levenshtein_similarity(rc, c) for rc in references) for c in retrieved]
    add("nonllm_context_precision", "NonLLMContextPrecisionWithReference", {"contexts": retrieved, "referenceContexts": references}, {},
        average_precision([1 if s >= 0.5 else 0 for s in scores]))
    rscores = [max(levenshtein_similarity(rc, c) for c in retrieved) for rc in references]
    response = [1 if s > 0.5 else 0 for s in rscores]
    add("nonllm_context_recall", "NonLLMContextRecall", {"contexts": retrieved, "referenceContexts": references}, {},
        sum(response) / len(response) if response else nan)

with open("test/data/golden/rag_ragas.json", "w") as f:
    json.dump({"reference": f"{VERSION} (github.com/explodinggradients/ragas tag v0.4.0), scoring re-run by scripts/golden/rag_ragas.py", "cases": cases}, f, indent=1, ensure_ascii=False)
print(len(cases), "cases")
