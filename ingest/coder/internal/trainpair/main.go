// Command trainpair trains the coder's pair model (see coder.PairModel)
// from gold sets and writes it, gzip-compressed, for embedding. Before
// writing it cross-validates: for each set named in -cv it trains on the
// other sets and scores the held-out set with the rules alone and with
// rules plus model over a grid of thresholds, so the figures printed are
// those of sentences the model never saw.
//
//	go run ./internal/trainpair -dir testdata -out data/pairmodel.txt.gz
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/ingest/coder/eval"
)

// The settings data/pairmodel.txt.gz is trained with. The thresholds were
// chosen by cross-validation: adding from 0.25 gave the best F1 over the
// cv sets. Dropping rule events whose root scores below 0.05 (keep) did
// not pay while the model was trained on fewer sets; since round 13 it
// does (domestic events kept, low roots relabelled, see pairStage): on the
// sixteen cv sets pooled, recall 0.565 -> 0.555 and precision 0.658 ->
// 0.695 (F1 0.608 -> 0.617); in the twelve older sets it removes 108
// false events and 21 right ones. The public PETRARCH-2 set pays for it
// when held out (recall 0.683 -> 0.651: its gold follows PETRARCH's own
// choices, which the other sets do not teach). The sets
// of rounds 1-7 and tune.jsonl weigh a quarter: the rules were tuned on
// them for many rounds, so there the rules' own output looks more
// trustworthy than it is on new text (cross-validated F1 0.575 at full
// weight, 0.586 at a quarter, with the public sets at full weight). Five
// pass orders averaged: 0.613 against 0.607 for one (ten: 0.610).
// heldout17 and heldout18 join the training sets once scored blind: on the
// ten sets before them, pooled F1 0.635 -> 0.641. train19a-d, 620
// sentences written for training in round 13, add 0.012 recall and cost
// 0.011 precision on the twelve cv sets before them (F1 0.651 -> 0.653 at
// these thresholds): the model gains little from more of the same data.
// Round 14 measured it as a learning curve (-share): trained on 12, 25,
// 50 and 100 % of each set's sentences the cross-validated F1 over the
// eighteen sets of the time is 0.515, 0.557, 0.590 and 0.615 (precision
// 0.68-0.69 throughout: more data buys recall, not precision); the 1,024
// sentences of heldout22 and train22a-g (+33 %) then gave 0.623 on those
// eighteen sets; heldout23 and train23a-f (another 1,015) took the 26 cv
// sets of the time from 0.543 / 0.651 (F1 0.592) to 0.558 / 0.640 (F1
// 0.596). keeprel: a single drop threshold sits far above the
// prior of a rare root (root 15 labels 0.35 % of the pairs, 04 3.4 %), so
// a rule event of a rare root is dropped only below five times its
// root's share: neutral over the 26 cv sets (F1 0.595 -> 0.594), and
// "the Pentagon said Russia had positioned tanks near the Ukrainian
// border" keeps its 154. Mind the noise: a rule change that touches a few
// candidates reorders the training passes, and the pooled precision then
// moves by up to 0.006 with no other cause (round 14: two small rule
// fixes, rules alone 0.518 -> 0.519, model 0.594 -> 0.592).
// heldout24, the round's last blind set, is scored (cv) but not yet a
// training set: trained with it, the model dropped the attack in "Kiev
// expelled Russian diplomats on Friday, a week after Russia attacked
// Ukraine" (TestDates, root 19 scored 0.040 against 0.138 without it).
// The cause is in the candidates: a country pair is judged from the first
// mention of each country, here "Russian diplomats" (the expelled) and
// "Kiev", not from "Russia attacked Ukraine"; a pair judged from every
// pair of mentions is the next thing to try.
const (
	defaultSets = "heldout.jsonl:0.25,heldout2.jsonl:0.25,heldout3.jsonl:0.25,heldout4.jsonl:0.25,heldout5.jsonl:0.25," +
		"heldout6.jsonl:0.25,heldout7.jsonl:0.25,heldout8.jsonl:0.25,heldout9.jsonl:0.25,tune.jsonl:0.25," +
		"heldout10.jsonl,heldout11.jsonl,heldout12.jsonl,heldout13.jsonl,heldout14.jsonl,heldout15.jsonl,heldout16.jsonl," +
		"heldout17.jsonl,heldout18.jsonl,heldout19.jsonl,heldout20.jsonl,train19a.jsonl,train19b.jsonl,train19c.jsonl,train19d.jsonl," +
		"heldout22.jsonl,train22a.jsonl,train22b.jsonl,train22c.jsonl,train22d.jsonl,train22e.jsonl,train22f.jsonl,train22g.jsonl," +
		"heldout23.jsonl,train23a.jsonl,train23b.jsonl,train23c.jsonl,train23d.jsonl,train23e.jsonl,train23f.jsonl," +
		"petr2_gsr.jsonl,plover_gsr.jsonl,cameo_manual_examples.jsonl"
	defaultCV = "heldout10.jsonl,heldout11.jsonl,heldout12.jsonl,heldout13.jsonl,heldout14.jsonl,heldout15.jsonl,heldout16.jsonl," +
		"heldout17.jsonl,heldout18.jsonl,heldout19.jsonl,heldout20.jsonl,train19a.jsonl,train19b.jsonl,train19c.jsonl,train19d.jsonl," +
		"heldout22.jsonl,train22a.jsonl,train22b.jsonl,train22c.jsonl,train22d.jsonl,train22e.jsonl,train22f.jsonl,train22g.jsonl," +
		"heldout23.jsonl,train23a.jsonl,train23b.jsonl,train23c.jsonl,train23d.jsonl,train23e.jsonl,train23f.jsonl," +
		"heldout24.jsonl,petr2_gsr.jsonl,plover_gsr.jsonl,cameo_manual_examples.jsonl"
	defaultAdd     = 0.25
	defaultKeep    = 0.05
	defaultKeepRel = 5
	defaultEpochs  = 6
	defaultL2      = 1e-4
	defaultOrders  = 5
)

type goldSet struct {
	name    string
	weight  float32
	records []eval.GoldRecord
	exs     []coder.TrainingExample
}

func main() {
	dir := flag.String("dir", "testdata", "folder of the gold sets")
	sets := flag.String("sets", defaultSets,
		"comma list of training sets (NAME[:WEIGHT]); blind sets must never be listed")
	cv := flag.String("cv", defaultCV, "sets to cross-validate on (each left out in turn)")
	out := flag.String("out", "data/pairmodel.txt.gz", "model file to write (empty: do not write)")
	add := flag.Float64("add", defaultAdd, "score from which the model adds an event")
	keep := flag.Float64("keep", defaultKeep, "score below which a rule event is dropped")
	keepRel := flag.Float64("keeprel", defaultKeepRel, "a rule event of a rare root is dropped only below this many times its root's share of the training pairs, when that is under -keep (0: -keep alone)")
	epochs := flag.Int("epochs", defaultEpochs, "training passes")
	l2 := flag.Float64("l2", defaultL2, "L2 penalty")
	orders := flag.Int("orders", defaultOrders, "pass orders trained and averaged")
	misses := flag.String("misses", "", "file to write the cross-validated misses to, as JSON lines (for error analysis)")
	share := flag.Int("share", 100, "percent of each training set's sentences the model learns from, picked by a hash of their ids (for learning curves; held-out sets are always scored whole)")
	flag.Parse()
	cfg := coder.TrainConfig{Epochs: *epochs, L2: *l2, Orders: *orders, KeepRel: float32(*keepRel)}
	if *share < 1 || *share > 100 {
		log.Fatalf("trainpair: -share %d: want 1-100", *share)
	}
	if err := run(os.Stdout, *dir, *sets, *cv, *out, *misses, *share, float32(*add), float32(*keep), cfg); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer, dir, sets, cv, out, misses string, share int, add, keep float32, cfg coder.TrainConfig) error {
	ctx := context.Background()
	rules, err := coder.New(coder.Options{RulesOnly: true})
	if err != nil {
		return err
	}
	load := func(spec string) (*goldSet, error) {
		name, w, _ := strings.Cut(spec, ":")
		gs := &goldSet{name: name, weight: 1}
		if w != "" {
			if _, err := fmt.Sscan(w, &gs.weight); err != nil {
				return nil, fmt.Errorf("trainpair: weight of %s: %w", name, err)
			}
		}
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("trainpair: %w", err)
		}
		gs.records, err = eval.ReadJSONL(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("trainpair: %s: %w", name, err)
		}
		if gs.exs, err = examples(ctx, rules, sample(gs.records, share), gs.weight); err != nil {
			return nil, err
		}
		return gs, nil
	}
	var all []*goldSet
	for _, spec := range strings.Split(sets, ",") {
		gs, err := load(spec)
		if err != nil {
			return err
		}
		all = append(all, gs)
	}
	type cell struct{ add, keep float32 }
	grid := []cell{}
	for _, a := range []float32{0.15, 0.2, 0.25, 0.3, 0.4, 0.5} {
		for _, k := range []float32{0, 0.02, 0.05, 0.1, 0.2} {
			grid = append(grid, cell{a, k})
		}
	}
	var missLog *json.Encoder
	if misses != "" {
		f, err := os.Create(misses)
		if err != nil {
			return fmt.Errorf("trainpair: %w", err)
		}
		defer f.Close()
		missLog = json.NewEncoder(f)
	}
	type tally struct{ hit, gold, phit, pred, fe, ne int }
	sum := map[cell]*tally{}
	base := &tally{}
	acc := func(t *tally, r eval.Report) {
		t.hit += r.Main.Matched
		t.gold += r.Main.Gold
		t.phit += r.Main.MatchedPred
		t.pred += r.Main.Predicted
		t.fe += r.NoEventFalse
		t.ne += r.NoEventRecords
	}
	for _, name := range strings.Split(cv, ",") {
		if name == "" {
			continue
		}
		var held *goldSet
		var train []coder.TrainingExample
		for _, gs := range all {
			if gs.name == name {
				held = gs
				continue
			}
			train = append(train, gs.exs...)
		}
		if held == nil { // not a training set: score it with the model of all sets
			var err error
			if held, err = load(name); err != nil {
				return err
			}
		}
		m := coder.TrainPairModel(train, cfg)
		r0 := eval.Evaluate(rules, held.records)
		acc(base, r0)
		fmt.Fprintf(w, "%-22s rules      %.3f / %.3f  fe %d/%d\n", name, r0.Main.Recall, r0.Main.Precision, r0.NoEventFalse, r0.NoEventRecords)
		for _, g := range grid {
			m.AddAt, m.KeepAt = g.add, g.keep
			r := eval.Evaluate(rules.WithPairModel(m), held.records)
			t := sum[g]
			if t == nil {
				t = &tally{}
				sum[g] = t
			}
			acc(t, r)
			if g.add == add && g.keep == keep {
				if missLog != nil {
					for _, ms := range r.Misses {
						if err := missLog.Encode(struct {
							Set string `json:"set"`
							eval.Miss
						}{name, ms}); err != nil {
							return fmt.Errorf("trainpair: %w", err)
						}
					}
				}
				fmt.Fprintf(w, "%-22s +model    %.3f / %.3f  fe %d/%d\n", name, r.Main.Recall, r.Main.Precision, r.NoEventFalse, r.NoEventRecords)
			}
		}
	}
	show := func(label string, t *tally) {
		if t.gold == 0 || t.pred == 0 {
			return
		}
		rc, pr := float64(t.hit)/float64(t.gold), float64(t.phit)/float64(t.pred)
		fmt.Fprintf(w, "%-24s recall %.3f  precision %.3f  F1 %.3f  false events %d/%d\n", label, rc, pr, 2*rc*pr/(rc+pr), t.fe, t.ne)
	}
	if base.gold > 0 {
		fmt.Fprintln(w, "cross-validated, all cv sets together:")
		show("rules only", base)
		for _, g := range grid {
			show(fmt.Sprintf("model add=%.2f keep=%.2f", g.add, g.keep), sum[g])
		}
	}
	if out == "" {
		return nil
	}
	var train []coder.TrainingExample
	for _, gs := range all {
		train = append(train, gs.exs...)
	}
	m := coder.TrainPairModel(train, cfg)
	m.AddAt, m.KeepAt = add, keep
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := m.WriteTo(zw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("trainpair: %w", err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("trainpair: %w", err)
	}
	fmt.Fprintf(w, "wrote %s (%d bytes, %d examples)\n", out, buf.Len(), len(train))
	return nil
}

// fam is the pair model's country key of a gold code (East Timor's ISO
// code folded into CAMEO's).
func fam(code string) string {
	if len(code) < 3 {
		return ""
	}
	if code[:3] == "TLS" {
		return "TMP"
	}
	return code[:3]
}

// sample returns the records whose id hashes below share percent: the same
// records on every run, and a larger share keeps those of a smaller one.
func sample(recs []eval.GoldRecord, share int) []eval.GoldRecord {
	if share >= 100 {
		return recs
	}
	var out []eval.GoldRecord
	for _, rec := range recs {
		h := fnv.New32a()
		h.Write([]byte(rec.ID))
		if int(h.Sum32()%100) < share {
			out = append(out, rec)
		}
	}
	return out
}

// examples labels every candidate pair of the records with the roots of
// the gold events that join its two actors. Records with wildcard gold
// events are left out: their pairs cannot be labelled.
func examples(ctx context.Context, c *coder.Coder, recs []eval.GoldRecord, weight float32) ([]coder.TrainingExample, error) {
	var out []coder.TrainingExample
records:
	for _, rec := range recs {
		for _, g := range rec.Events {
			if g.Source == "" || g.Target == "" || len(g.Code) < 2 {
				continue records
			}
		}
		doc := coder.Document{ID: rec.ID, Text: rec.Text}
		if rec.Date != "" {
			if err := doc.Published.UnmarshalText([]byte(rec.Date + "T00:00:00Z")); err != nil {
				return nil, fmt.Errorf("trainpair: %s: %w", rec.ID, err)
			}
		}
		cands, err := c.PairCandidates(ctx, doc)
		if err != nil {
			return nil, err
		}
		for _, pc := range cands {
			ex := coder.TrainingExample{Features: pc.Features, Weight: weight}
			seen := map[int]bool{}
			for _, g := range rec.Events {
				if fam(g.Source) != fam(pc.Source.Code) || fam(g.Target) != fam(pc.Target.Code) {
					continue
				}
				var r int
				if _, err := fmt.Sscanf(g.Code[:2], "%d", &r); err != nil || r < 1 || r > coder.NumRoots {
					continue
				}
				if !seen[r-1] {
					seen[r-1] = true
					ex.Roots = append(ex.Roots, r-1)
				}
			}
			out = append(out, ex)
		}
	}
	return out, nil
}
