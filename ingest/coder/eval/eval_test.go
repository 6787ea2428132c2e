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
// report); a drop below them is a regression.
var floors = []struct {
	file                  string
	recall, precision     float64
	maxFalseRate, minDate float64
}{
	// measured 0.683 / 0.811, false events 0/7 (seventh round; the rest of
	// the gap is PETRARCH conventions: "will supply" as the act, "agreed to
	// lift" as the act, a meeting place as target, a protest without target
	// coded against "---" where Dyad codes the protesters' country, and "would
	// not provide support" as a rejection where the blind sets code nothing)
	{"petr2_gsr.jsonl", 0.66, 0.79, 0.05, 0},
	// measured 0.455 / 0.665 (seventh round)
	{"plover_gsr.jsonl", 0.44, 0.65, 1, 0},
	// measured 0.919 / 0.950, false events 0/43, dates 100 % (seventh round)
	{"heldout.jsonl", 0.90, 0.93, 0.05, 0.95},
	// measured 0.411 / 0.598 (seventh round)
	{"cameo_manual_examples.jsonl", 0.40, 0.58, 1, 0},
	// tuning set of the third round
	// measured 0.909 / 0.976, false events 0/7
	{"tune.jsonl", 0.89, 0.95, 0.05, 0},
	// tuning sets since the fourth round (blind scores at the end of rounds
	// two and three: 0.727 / 0.849 and 0.769 / 0.869); measured in the
	// seventh round 0.892 / 0.954 (false events 0/35) and 0.934 / 0.966
	// (false events 0/30)
	{"heldout2.jsonl", 0.87, 0.93, 0.05, 0},
	{"heldout3.jsonl", 0.91, 0.94, 0.05, 0},
	// blind set of the fourth round, scored once at its end: 0.557 / 0.721,
	// false events 1/34, dates 86/86; a tuning set since the fifth round:
	// measured 0.899 / 0.887 in the seventh round, false events 0/34, dates
	// 136/136
	{"heldout4.jsonl", 0.88, 0.86, 0.05, 0.95},
	// blind set of the fifth round, scored once at its end: 0.541 / 0.637,
	// false events 4/42, dates 72/72; measured 0.850 / 0.831 in the seventh
	// round, false events 0/42, dates 111/111
	{"heldout5.jsonl", 0.83, 0.81, 0.05, 0.95},
	// blind set of the sixth round, scored once at its end: 0.513 / 0.645,
	// false events 4/46, dates 70/71; a tuning set since the seventh round:
	// measured 0.718 / 0.862, false events 1/46, dates 101/102
	{"heldout6.jsonl", 0.70, 0.84, 0.05, 0.95},
	// blind set of the seventh round, scored once before its second half:
	// 0.372 / 0.578, false events 4/45, dates 71/74; tuned on since:
	// measured 0.623 / 0.800, false events 1/45, dates 120/124
	{"heldout7.jsonl", 0.60, 0.78, 0.05, 0.95},
	// blind set scored once at the end of the seventh round: 0.389 / 0.642,
	// false events 1/45, dates 67/70 (the round's starting coder: 0.378 /
	// 0.618); tuned on at the end of the round: measured 0.550 / 0.767,
	// false events 1/45, dates 95/98
	{"heldout8.jsonl", 0.53, 0.74, 0.05, 0.95},
	// blind set scored once at the very end of the seventh round: 0.441 /
	// 0.600, false events 5/45 (0.111, above the 0.05 target: two refusals
	// coded as rejections where the gold has none, an agency's advisory, a
	// royal wedding, election results), dates 76/78 (the round's starting
	// coder: 0.367 / 0.542, false events 7/45); a tuning set since: acts
	// ruled out for the future, advisories and election results code
	// nothing now (false events 1/45)
	{"heldout9.jsonl", 0.42, 0.58, 0.05, 0.95},
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
