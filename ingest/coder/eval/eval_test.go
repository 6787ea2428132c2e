package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dyadgraph/dyad/ingest/coder"
)

var newCoder = sync.OnceValues(func() (*coder.Coder, error) { return coder.New(coder.Options{}) })

func load(t *testing.T, name string) []GoldRecord {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := ReadJSONL(f)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// floors are set slightly below the measured scores (see the package
// report); a drop below them is a regression. Since the ninth round the
// pair model (data/pairmodel.txt.gz) is trained on these sets, so their
// scores overstate what unseen sentences get; the cross-validated figures
// printed by internal/trainpair are the honest ones. The model traded
// precision on the sets the rules had been tuned on for recall, and the
// floors of petr2_gsr, heldout and heldout2 precision and heldout9 dates
// were lowered with it. In the tenth round the model's training weighs
// the sets of rounds 1-7 a quarter (see internal/trainpair), and the
// precision floors of heldout, heldout2, heldout3, heldout4 and heldout5
// went down with it: retraining moves those small sets' precision by a
// few points either way.
var floors = []struct {
	file                  string
	recall, precision     float64
	maxFalseRate, minDate float64
}{
	// measured 0.698 / 0.815, false events 0/7 (eighth round; the rest of
	// the gap is PETRARCH conventions: "will supply" as the act, "agreed to
	// lift" as the act, a meeting place as target, a protest without target
	// coded against "---" where Dyad codes the protesters' country, and "would
	// not provide support" as a rejection where the blind sets code nothing)
	{"petr2_gsr.jsonl", 0.68, 0.75, 0.05, 0},
	// measured 0.468 / 0.694 (eighth round)
	{"plover_gsr.jsonl", 0.45, 0.67, 1, 0},
	// measured 0.919 / 0.934, false events 0/43, dates 100 % (eighth round)
	{"heldout.jsonl", 0.88, 0.83, 0.05, 0.95},
	// measured 0.421 / 0.616 (eighth round)
	{"cameo_manual_examples.jsonl", 0.40, 0.60, 1, 0},
	// tuning set of the third round
	// measured 0.909 / 0.976, false events 0/7; 0.909 / 0.930 in round 12
	// (the retrained pair model adds air strikes against the place's
	// country where the gold has only the group targeted); 0.909 precision
	// in round 13, once the model drops rule events it scores below 0.05;
	// 0.833 in round 14, once the model learns from round 14's 2,194
	// sentences written by seven more annotators (on the older sets below
	// too: round 14's data buys recall on unseen text and costs some
	// precision on the early sets, whose gold follows other conventions)
	{"tune.jsonl", 0.89, 0.82, 0.05, 0},
	// tuning sets since the fourth round (blind scores at the end of rounds
	// two and three: 0.727 / 0.849 and 0.769 / 0.869); measured in the
	// eighth round 0.892 / 0.939 (false events 0/35) and 0.942 / 0.966
	// (false events 0/30)
	// (0.834 and 0.885 precision in round 14)
	{"heldout2.jsonl", 0.87, 0.82, 0.05, 0},
	{"heldout3.jsonl", 0.92, 0.87, 0.05, 0},
	// blind set of the fourth round, scored once at its end: 0.557 / 0.721,
	// false events 1/34, dates 86/86; a tuning set since the fifth round:
	// measured 0.899 / 0.893 in the eighth round, false events 0/34, dates
	// 136/136
	// (0.781 precision in round 14)
	{"heldout4.jsonl", 0.88, 0.77, 0.05, 0.95},
	// blind set of the fifth round, scored once at its end: 0.541 / 0.637,
	// false events 4/42, dates 72/72; measured 0.865 / 0.804 in the eighth
	// round, false events 0/42, dates 113/113
	{"heldout5.jsonl", 0.84, 0.75, 0.05, 0.95},
	// blind set of the sixth round, scored once at its end: 0.513 / 0.645,
	// false events 4/46, dates 70/71; a tuning set since the seventh round:
	// measured 0.756 / 0.868 in the eighth, false events 1/46, dates 105/106;
	// 0.853 / 0.821 in round 14, once the pair model trains on the round's
	// new sentences
	{"heldout6.jsonl", 0.73, 0.81, 0.05, 0.95},
	// blind set of the seventh round, scored once before its second half:
	// 0.372 / 0.578, false events 4/45, dates 71/74; tuned on since:
	// measured 0.678 / 0.804 in the eighth round, false events 1/45, dates
	// 131/135
	// (0.849 / 0.751, false events 3/45 in round 14)
	{"heldout7.jsonl", 0.66, 0.74, 0.07, 0.95},
	// blind set scored once at the end of the seventh round: 0.389 / 0.642,
	// false events 1/45, dates 67/70 (the round's starting coder: 0.378 /
	// 0.618); measured 0.617 / 0.793 in the eighth round, false events 1/45,
	// dates 106/109
	{"heldout8.jsonl", 0.59, 0.76, 0.05, 0.95},
	// blind set scored once at the very end of the seventh round: 0.441 /
	// 0.600, false events 5/45, dates 76/78 (the round's starting coder:
	// 0.367 / 0.542, false events 7/45); measured 0.582 / 0.720 in the
	// eighth round, false events 1/45, dates 99/101
	// (0.698 in round 12, once the pair model trains on heldout17-18)
	{"heldout9.jsonl", 0.55, 0.68, 0.05, 0.94},
	// blind set scored once at the start of the eighth round, before any
	// change of it: 0.422 / 0.631 (0.446 / 0.667 once East Timor's TMP and
	// TLS score alike), false events 1/45, dates 67/70; measured 0.620 /
	// 0.757 at the end of that round, false events 1/45, dates 100/103
	{"heldout10.jsonl", 0.57, 0.73, 0.05, 0.95},
	// blind set scored once near the end of the eighth round: 0.306 /
	// 0.519, false events 3/45 (0.067, above the 0.05 target), dates 51/55
	// (the round's starting coder: 0.289 / 0.510); tuned on after that:
	// measured 0.344 / 0.579, false events 3/45, dates 58/62 (0.935)
	{"heldout11.jsonl", 0.32, 0.55, 0.07, 0.90},
	// blind set scored once at the end of the eighth round: 0.313 / 0.533,
	// false events 2/45, dates 55/57 (the round's starting coder: 0.286 /
	// 0.510); tuned on a little after: measured 0.368 / 0.573, false events
	// 0/45
	{"heldout12.jsonl", 0.35, 0.55, 0.05, 0.95},
	// blind set scored once near the end of the eighth round: 0.320 /
	// 0.643, false events 4/45 (0.089, above the 0.05 target), dates 63/63
	// (the round's starting coder: 0.264 / 0.578); tuned on a little after:
	// measured 0.335 / 0.647
	{"heldout13.jsonl", 0.30, 0.62, 0.09, 0.95},
	// blind set scored once at the start of the ninth round, before any
	// change: 0.293 / 0.529, false events 2/45, dates 53/55; the pair model
	// is trained on it since: measured 0.739 / 0.702 (cross-validated, left
	// out of training: 0.356 / 0.563), false events 2/45, dates 133/139
	{"heldout14.jsonl", 0.70, 0.67, 0.05, 0.94},
	// blind set scored once after the ninth round's last change: 0.424 /
	// 0.504, false events 1/45, dates 68/70 (the rules alone, the round's
	// starting coder: 0.327 / 0.482); the pair model is trained on it since
	// the tenth round: measured 0.703 / 0.659 (cross-validated, left out of
	// training: 0.442 / 0.549), false events 1/45, dates 111/116
	{"heldout15.jsonl", 0.66, 0.62, 0.05, 0.94},
	// scored once in the middle of the tenth round (meant as its blind set;
	// LICENSES.md tells how): 0.701 / 0.723, false events 1/45, dates
	// 114/115 (the round's starting coder: 0.683 / 0.687); the pair model
	// is trained on it since: measured 0.939 / 0.774, dates 149/154
	{"heldout16.jsonl", 0.90, 0.74, 0.05, 0.95},
	// blind set written in round 10, scored once after round 11's last change:
	// 0.569 / 0.611, false events 4/45 (0.089, above the 0.05 target),
	// dates 97/99 (the rules alone 0.483 / 0.613; round 10's starting
	// coder 0.534 / 0.571); the pair model is trained on it since round 12
	{"heldout17.jsonl", 0.55, 0.59, 0.09, 0.95},
	// blind set of round 12, scored once after its last change: 0.538 /
	// 0.676, false events 0/45, dates 99/100 (the rules alone 0.462 /
	// 0.672; the round's starting coder, 39d28ea: 0.538 / 0.690, false
	// events 2/45); the pair model is trained on it since
	{"heldout18.jsonl", 0.52, 0.65, 0.05, 0.95},
	// blind set of round 13, written by a helper that never saw the coder,
	// checked against every set here for overlap, scored once after the
	// round's last change (fe3a35a): 0.436 / 0.625, false events 1/45,
	// dates 82/85 (the rules alone 0.349 / 0.613; the round's starting
	// coder, 6e5b2d5: 0.410 / 0.606, false events 2/45); the pair model is
	// trained on it since
	// (dates 145/155 in training: model events between the main clause's
	// actors that match a background clause's gold event by country)
	{"heldout19.jsonl", 0.70, 0.70, 0.05, 0.93},
	// second blind set of round 13, written by a helper that never saw the
	// coder while the last rules of the round were made, checked against
	// every set here for overlap, scored once after the round's last change
	// (0cb9a18): 0.472 / 0.664, false events 1/45, dates 74/77 (the rules
	// alone 0.399 / 0.650; the round's starting coder, 6e5b2d5: 0.429 /
	// 0.583, false events 1/45); the pair model is trained on it since
	{"heldout20.jsonl", 0.66, 0.75, 0.05, 0.95},
	// training sets of round 13, each scored once on arrival before anyone
	// read it (LICENSES.md has the figures: 0.39-0.49 recall, 0.52-0.61
	// precision); the pair model is trained on them since
	// (train19a dates 129/137: model events between the main clause's actors
	// that match a background clause's gold event by country)
	{"train19a.jsonl", 0.70, 0.70, 0.05, 0.94},
	{"train19b.jsonl", 0.70, 0.70, 0.05, 0.95},
	{"train19c.jsonl", 0.65, 0.68, 0.09, 0.95},
	{"train19d.jsonl", 0.70, 0.68, 0.05, 0.95},
	// blind set of round 14, scored once before anyone read it: 0.531 /
	// 0.734, false events 3/45, dates 94/94 (LICENSES.md); the pair model is
	// trained on it since: measured 0.831 / 0.845, false events 3/45, dates
	// 141/147
	{"heldout22.jsonl", 0.80, 0.82, 0.07, 0.94},
	// training sets of round 14, each scored once on arrival (LICENSES.md:
	// 0.26-0.52 recall, 0.51-0.70 precision); measured with the model
	// trained on them 0.926 / 0.825, 0.842 / 0.847, 0.807 / 0.759, 0.804 /
	// 0.796 (false events 3/43), 0.835 / 0.774, 0.844 / 0.776, 0.787 /
	// 0.787. Their gold dates
	// are less careful than the earlier sets': train22b dates many events on
	// the publication day although the sentence names the day before
	// ("on Saturday" in Sunday's paper), so its date floor is low; train22b
	// also has 5 false events in 43 no-event sentences
	{"train22a.jsonl", 0.88, 0.80, 0.05, 0.92},
	{"train22b.jsonl", 0.80, 0.82, 0.12, 0.75},
	{"train22c.jsonl", 0.78, 0.72, 0.05, 0.94},
	{"train22d.jsonl", 0.77, 0.77, 0.09, 0.92},
	{"train22e.jsonl", 0.80, 0.72, 0.05, 0.92},
	{"train22f.jsonl", 0.82, 0.75, 0.05, 0.91},
	{"train22g.jsonl", 0.76, 0.76, 0.05, 0.85},
	// blind set written late in round 14, scored once before anyone read it
	// with the coder 63cd5ea: 0.442 / 0.586, false events 4/45, dates 86/95
	// (the round's starting coder 9ebbc9e: 0.391 / 0.568); trained on
	// since: measured 0.819 / 0.746, false events 0/45, dates 150/176 (its
	// gold dates an event in a background clause on the publication day,
	// where Dyad dates it from the clause: "a week after ...")
	{"heldout23.jsonl", 0.79, 0.72, 0.05, 0.83},
	// training sets written late in round 14, one per kind of event
	// (diplomacy, force, domestic repression, economic measures, words,
	// negotiation), each scored once on arrival (LICENSES.md); measured
	// since 0.810 / 0.793, 0.800 / 0.774, 0.702 / 0.817, 0.804 / 0.784,
	// 0.814 / 0.838, 0.801 / 0.684
	{"train23a.jsonl", 0.78, 0.76, 0.05, 0.89},
	{"train23b.jsonl", 0.77, 0.74, 0.07, 0.89},
	{"train23c.jsonl", 0.67, 0.79, 0.07, 0.92},
	{"train23d.jsonl", 0.77, 0.75, 0.05, 0.85},
	{"train23e.jsonl", 0.78, 0.81, 0.07, 0.90},
	{"train23f.jsonl", 0.77, 0.65, 0.05, 0.96},
	// blind set written at the very end of round 14 and scored once with
	// the round's final coder (e0a1ef9): 0.279 / 0.519, false events 2/45,
	// dates 50/55 (the round's starting coder 9ebbc9e: 0.218 / 0.531); not
	// yet a training set (see internal/trainpair), so these floors guard
	// the figure on unseen text
	{"heldout24.jsonl", 0.26, 0.49, 0.05, 0.88},
}

func TestEvalFloors(t *testing.T) {
	c, err := newCoder()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range floors {
		t.Run(f.file, func(t *testing.T) {
			rep := Evaluate(c, load(t, f.file))
			rep.Name = f.file
			t.Log("\n" + rep.String())
			if os.Getenv("EVAL_MISSES") != "" {
				for _, m := range rep.Misses {
					fmt.Printf("%s | %s\n   gold=%v\n   pred=%v\n", m.ID, m.Text, m.Gold, m.Predicted)
				}
			}
			if rep.Main.Recall < f.recall {
				t.Errorf("recall %.3f < floor %.3f", rep.Main.Recall, f.recall)
			}
			if rep.Main.Precision < f.precision {
				t.Errorf("precision %.3f < floor %.3f", rep.Main.Precision, f.precision)
			}
			if rep.NoEventRecords > 0 && rep.FalseEventRate > f.maxFalseRate {
				t.Errorf("false-event rate %.3f > ceiling %.3f", rep.FalseEventRate, f.maxFalseRate)
			}
			if rep.DatesChecked > 0 && rep.DateAccuracy < f.minDate {
				t.Errorf("date accuracy %.3f < floor %.3f", rep.DateAccuracy, f.minDate)
			}
			if _, err := json.Marshal(rep); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestISOCountryAlias: East Timor written with its ISO code in the gold
// matches the CAMEO code the coder emits, and no other country does.
func TestISOCountryAlias(t *testing.T) {
	g := GoldEvent{Source: "TLS", Target: "AUS", Code: "020"}
	tests := []struct {
		src  string
		want bool
	}{
		{"TMP", true},
		{"TMPGOV", true},
		{"TLS", true},
		{"IDN", false},
	}
	for _, tt := range tests {
		if got := matches(g, nil, pred{src: tt.src, tgt: "AUS", code: "020"}, levelMain); got != tt.want {
			t.Errorf("source %s against gold TLS: %v, want %v", tt.src, got, tt.want)
		}
	}
}
