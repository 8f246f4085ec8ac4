#!/usr/bin/python3
"""The peer `npm run bench` times the engine against: the same audit as `fairuse audit --no-explanations`, written
the way a numpy / scikit-learn user would (Debian's python3-sklearn, no pandas), vectorised throughout.

    /usr/bin/python3 scripts/bench/numpy_audit.py DATA.csv --label y --groups a,b --technique 1hot [--bootstrap 1000]

Reads the CSV (numpy's C reader: the label and group columns as text, every other column as a number), splits
80/20 stratified by (group, label), fits h0 on x and the personalized model (1hot, all or dcp) with
scikit-learn's LogisticRegression (C = 1, the Newton–Cholesky solver: the engine's own method), predicts every
test row as every group, then per group scores h0 and h(., g') for every g' on B bootstrap resamples at once
from a B x n count matrix (error, AUC with ties, ECE, log loss, Brier), takes percentile intervals and one-sided
p-values, exact McNemar for the error rate, and Bonferroni over the groups and over the envy pairs (SPEC §4-§5).

Prints one JSON line: the stage times, the peak memory (ru_maxrss) and a few numbers to compare with the
engine's report (the overall error rates and the violation counts of the error rate).
"""
import argparse
import json
import resource
import time
import warnings

import numpy as np
from scipy.stats import binom
from sklearn.linear_model import LogisticRegression

ALPHA = 0.1
THRESHOLD = 0.5
METRICS = ("error", "auc", "ece", "logloss", "brier")


def read_csv(path, label, groups):
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    text_columns = [header.index(label)] + [header.index(g) for g in groups]
    features = [j for j in range(len(header)) if j not in text_columns]
    text = np.loadtxt(path, delimiter=",", skiprows=1, usecols=text_columns, dtype=str, ndmin=2)
    X = np.loadtxt(path, delimiter=",", skiprows=1, usecols=features, dtype=np.float64, ndmin=2)
    return X, text[:, 0], text[:, 1:]


def stratified_split(strata, rng, test_size=0.2):
    test = np.zeros(len(strata), dtype=bool)
    order = np.lexsort((rng.random(len(strata)), strata))
    bounds = np.flatnonzero(np.diff(strata[order])) + 1
    for block in np.split(order, bounds):
        test[block[: int(round(test_size * len(block)))]] = True
    return test


def fit(X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return LogisticRegression(C=1.0, solver="newton-cholesky").fit(X, y)


def personalized_scores(technique, X, y, train, test, levels, group_of_row, m):
    """P[i, g'] = probability h gives test row i when it reports group g'."""
    Xtest = X[test]
    if technique == "dcp":
        P = np.empty((test.sum(), m))
        for g in range(m):
            rows = train & (group_of_row == g)
            if len(np.unique(y[rows])) < 2:
                P[:, g] = (y[rows].sum() + 1) / (rows.sum() + 2)
            else:
                P[:, g] = fit(X[rows], y[rows]).predict_proba(Xtest)[:, 1]
        return P
    if technique == "1hot":
        # one dummy per level of each attribute; a group's dummies are those of its first row
        dummies = np.hstack([np.eye(int(codes.max()) + 1)[codes] for codes in levels.T])
        dummies_of_group = dummies[[np.flatnonzero(group_of_row == g)[0] for g in range(m)]]
    else:
        dummies_of_group = np.eye(m)
    model = fit(np.hstack([X[train], dummies_of_group[group_of_row[train]]]), y[train])
    P = np.empty((len(Xtest), m))
    for g in range(m):
        P[:, g] = model.predict_proba(np.hstack([Xtest, np.broadcast_to(dummies_of_group[g], (len(Xtest), dummies_of_group.shape[1]))]))[:, 1]
    return P


def resampled_risks(C, y, P):
    """Risk of each column of P (n x M) under each row of counts C (B x n): dict metric -> B x M."""
    n = C.shape[1]
    Pc = np.clip(P, 1e-15, 1 - 1e-15)
    yc = y[:, None]
    risks = {
        "error": C @ ((P >= THRESHOLD) != yc) / n,
        "logloss": C @ -(yc * np.log(Pc) + (1 - yc) * np.log(1 - Pc)) / n,
        "brier": C @ (P - yc) ** 2 / n,
    }
    bins = np.clip(np.ceil(10 * P), 1, 10)
    ece = np.zeros((C.shape[0], P.shape[1]))
    for b in range(1, 11):
        inside = bins == b
        ece += np.abs(C @ (inside * P) - C @ (inside * yc))
    risks["ece"] = ece / n
    risks["auc"] = -weighted_auc(C, y, P)  # a risk: lower is better
    return risks


def weighted_auc(C, y, P):
    """Mann-Whitney AUC with ties counted 1/2, every resample (row of C) and model (column of P) at once."""
    order = np.argsort(P, axis=0, kind="stable")
    S = np.take_along_axis(P, order, axis=0)
    n = len(y)
    index = np.arange(n)[:, None]
    starts = np.vstack([np.ones((1, P.shape[1]), bool), S[1:] != S[:-1]])
    first = np.maximum.accumulate(np.where(starts, index, 0), axis=0)
    ends = np.vstack([S[1:] != S[:-1], np.ones((1, P.shape[1]), bool)])
    last = np.minimum.accumulate(np.where(ends, index, n - 1)[::-1], axis=0)[::-1]
    negative = C * (y == 0)
    positive = C * (y == 1)
    aucs = np.empty((C.shape[0], P.shape[1]))
    for k in range(P.shape[1]):
        neg_sorted = negative[:, order[:, k]]
        cum = np.concatenate([np.zeros((C.shape[0], 1)), np.cumsum(neg_sorted, axis=1)], axis=1)
        below = cum[:, first[:, k]]
        tied = cum[:, last[:, k] + 1] - below
        aucs[:, k] = (positive[:, order[:, k]] * (below + tied / 2)).sum(axis=1)
    pairs = positive.sum(axis=1) * negative.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pairs[:, None] > 0, aucs / pairs[:, None], np.nan)


def tests(deltas):
    """Percentile intervals and one-sided bootstrap p-values of B x k resampled gains, NaN resamples left out."""
    kept = ~np.isnan(deltas)
    count = kept.sum(axis=0)
    levels = [100 * ALPHA / 2, 100 * (1 - ALPHA / 2)]
    if kept.all():
        ci = np.percentile(deltas, levels, axis=0)
    else:  # only AUC has undefined resamples; nanpercentile goes column by column, so only then
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an all-NaN column (AUC with one class in every resample)
            ci = np.nanpercentile(deltas, levels, axis=0)
    p_harm = (1 + np.sum(kept & (deltas >= 0), axis=0)) / (count + 1)
    p_gain = (1 + np.sum(kept & (deltas <= 0), axis=0)) / (count + 1)
    return ci, p_harm, p_gain


def mcnemar(wrong_h, wrong_refs):
    """Exact one-sided McNemar p-values of h's decisions (n) against each column of wrong_refs (n x k)."""
    b = np.sum(wrong_h[:, None] & ~wrong_refs, axis=0)
    c = np.sum(~wrong_h[:, None] & wrong_refs, axis=0)
    p_harm = np.where(b + c == 0, 1.0, binom.sf(b - 1, b + c, 0.5))
    p_gain = np.where(b + c == 0, 1.0, binom.sf(c - 1, b + c, 0.5))
    return p_harm, p_gain


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--label", required=True)
    parser.add_argument("--groups", required=True)
    parser.add_argument("--technique", default="1hot", choices=("1hot", "all", "dcp"))
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2338)
    args = parser.parse_args()
    times = {}
    start = clock = time.perf_counter()

    def stage(name):
        nonlocal clock
        now = time.perf_counter()
        times[name] = round(now - clock, 3)
        clock = now

    X, label, group_text = read_csv(args.data, args.label, args.groups.split(","))
    values = np.unique(label)
    y = (label == ("1" if "1" in values else values.max())).astype(np.float64)
    levels = np.column_stack([np.unique(col, return_inverse=True)[1] for col in group_text.T])
    _, group_of_row = np.unique(levels, axis=0, return_inverse=True)
    group_of_row = group_of_row.ravel()
    m = int(group_of_row.max()) + 1
    stage("read")

    rng = np.random.default_rng(args.seed)
    test = stratified_split(group_of_row * 2 + y.astype(int), rng)
    train = ~test
    h0 = fit(X[train], y[train])
    p0 = h0.predict_proba(X[test])[:, 1]
    stage("fit h0")
    P = personalized_scores(args.technique, X, y, train, test, levels, group_of_row, m)
    stage("fit h + predict")

    ytest, gtest = y[test], group_of_row[test]
    B = args.bootstrap
    rationality = {metric: [] for metric in METRICS}
    envy = {metric: [] for metric in METRICS}
    for g in range(m):
        rows = np.flatnonzero(gtest == g)
        n = len(rows)
        if n < 10:
            continue
        models = np.column_stack([p0[rows], P[rows]])  # h0, then h(., g') for every g'
        yg = ytest[rows]
        draws = rng.integers(0, n, size=(B, n))
        C = np.bincount((draws + n * np.arange(B)[:, None]).ravel(), minlength=B * n).reshape(B, n).astype(np.float64)
        risk_b = resampled_risks(C, yg, models)
        risk = resampled_risks(np.ones((1, n)), yg, models)
        wrong = (models >= THRESHOLD) != yg[:, None]
        own = 1 + g
        # column 0 = rationality (h0 in h's place), then the envy pairs (h(., g') in its place) for every g' != g
        refs = np.array([0] + [1 + other for other in range(m) if other != g])
        for metric in METRICS:
            if metric == "auc" and len(np.unique(yg)) < 2:
                continue
            gains = risk[metric][0, refs] - risk[metric][0, own]
            ci, p_harm, p_gain = tests(risk_b[metric][:, refs] - risk_b[metric][:, [own]])
            if metric == "error":
                p_harm, p_gain = mcnemar(wrong[:, own], wrong[:, refs])
            rationality[metric].append((g, gains[0], ci[:, 0], p_harm[0], p_gain[0]))
            envy[metric].extend((g, refs[k] - 1, gains[k], ci[:, k], p_harm[k], p_gain[k]) for k in range(1, len(refs)))
    stage("bootstrap + tests")

    summary = {}
    for metric in METRICS:
        k_r, k_e = max(len(rationality[metric]), 1), max(len(envy[metric]), 1)
        summary[metric] = {
            "rationalityViolations": int(sum(min(1, r[3] * k_r) <= ALPHA for r in rationality[metric])),
            "rationalityGains": int(sum(min(1, r[4] * k_r) <= ALPHA for r in rationality[metric])),
            "envyViolations": int(sum(min(1, e[4] * k_e) <= ALPHA for e in envy[metric])),
            "envyGains": int(sum(min(1, e[5] * k_e) <= ALPHA for e in envy[metric])),
        }
    own_scores = P[np.arange(len(gtest)), gtest]
    print(json.dumps({
        "technique": args.technique,
        "rows": len(y),
        "groups": m,
        "seconds": round(time.perf_counter() - start, 3),
        "stages": times,
        "peakRssMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "overallError": {"generic": float(np.mean((p0 >= THRESHOLD) != ytest)), "personalized": float(np.mean((own_scores >= THRESHOLD) != ytest))},
        "summary": summary,
    }))


if __name__ == "__main__":
    main()
