package coder

import (
	"bytes"
	"compress/gzip"
	"context"
	"math"
	"strings"
	"testing"
)

// toyModel scores root 19 high for any pair in a sentence with the given
// word and every other root low.
func toyModel(word string) *PairModel {
	m := &PairModel{w: map[string]*[NumRoots]float32{}, AddAt: 0.5}
	for r := range m.bias {
		m.bias[r] = -8
	}
	var w [NumRoots]float32
	w[18] = 16
	m.w["s:"+word] = &w
	return m
}

func TestPairModelRoundTrip(t *testing.T) {
	m := TrainPairModel([]TrainingExample{
		{Features: []string{"a", "b"}, Roots: []int{2}},
		{Features: []string{"a", "c"}, Roots: []int{2}},
		{Features: []string{"d", "c"}, Roots: []int{18}},
		{Features: []string{"d", "b"}, Roots: []int{18}},
		{Features: []string{"e", "b"}},
		{Features: []string{"e", "c"}},
	}, TrainConfig{Epochs: 30, AddAt: 0.4, KeepAt: 0.05, KeepRel: 5})
	var plain, zipped bytes.Buffer
	if _, err := m.WriteTo(&plain); err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(&zipped)
	m.WriteTo(zw)
	zw.Close()
	for name, data := range map[string][]byte{"plain": plain.Bytes(), "gzip": zipped.Bytes()} {
		got, err := ReadPairModel(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.AddAt != 0.4 || got.KeepAt != 0.05 || got.KeepRel != 5 {
			t.Errorf("%s: thresholds %v %v %v, want 0.4 0.05 5", name, got.AddAt, got.KeepAt, got.KeepRel)
		}
		// roots 03 and 19 each label two of the six pairs: a third, so
		// their drop threshold stays KeepAt; a root never seen keeps KeepAt
		for _, r := range []int{2, 18, 0} {
			if k := got.keepAt(r); k != 0.05 {
				t.Errorf("%s: keepAt(root %02d) = %v, want 0.05", name, r+1, k)
			}
		}
		for _, fs := range [][]string{{"a", "b"}, {"d", "c"}, {"e"}, {"unseen"}} {
			want, have := m.Scores(fs), got.Scores(fs)
			for r := range want {
				if math.Abs(float64(want[r]-have[r])) > 0.01 {
					t.Errorf("%s: %v root %02d: %.3f after reading, %.3f before", name, fs, r+1, have[r], want[r])
				}
			}
		}
	}
}

func TestKeepAtRareRoots(t *testing.T) {
	m := &PairModel{KeepAt: 0.05, KeepRel: 5}
	m.rate[14] = 0.004 // root 15: rare, 5 × 0.004 = 0.02
	m.rate[3] = 0.04   // root 04: common, 5 × 0.04 = 0.2 > KeepAt
	for _, tt := range []struct {
		root int
		want float32
	}{{14, 0.02}, {3, 0.05}, {0, 0.05}} {
		if got := m.keepAt(tt.root); math.Abs(float64(got-tt.want)) > 1e-6 {
			t.Errorf("keepAt(root %02d) = %v, want %v", tt.root+1, got, tt.want)
		}
	}
	m.KeepRel = 0
	if got := m.keepAt(14); got != 0.05 {
		t.Errorf("without KeepRel keepAt = %v, want KeepAt", got)
	}
}

func TestTrainPairModelLearns(t *testing.T) {
	var exs []TrainingExample
	for i := 0; i < 20; i++ {
		exs = append(exs,
			TrainingExample{Features: []string{"v:ATTACK", "noise" + string(rune('a'+i%5))}, Roots: []int{18}},
			TrainingExample{Features: []string{"v:MEET", "noise" + string(rune('a'+i%7))}, Roots: []int{3}},
			TrainingExample{Features: []string{"v:SAY", "noise" + string(rune('a'+i%3))}},
		)
	}
	m := TrainPairModel(exs, TrainConfig{})
	tests := []struct {
		feature   string
		high, low int
	}{
		{"v:ATTACK", 18, 3},
		{"v:MEET", 3, 18},
	}
	for _, tt := range tests {
		s := m.Scores([]string{tt.feature})
		if s[tt.high] < 0.8 || s[tt.low] > 0.2 {
			t.Errorf("%s: root %02d %.2f, root %02d %.2f; want high then low", tt.feature, tt.high+1, s[tt.high], tt.low+1, s[tt.low])
		}
	}
	if s := m.Scores([]string{"v:SAY"}); s[18] > 0.2 || s[3] > 0.2 {
		t.Errorf("v:SAY scores 19 %.2f, 04 %.2f; want both low", s[18], s[3])
	}
	// training is reproducible: the same examples give the same file
	var a, b bytes.Buffer
	m.WriteTo(&a)
	TrainPairModel(exs, TrainConfig{}).WriteTo(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings on the same examples differ")
	}
}

func TestReadPairModelErrors(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"empty", "", "empty"},
		{"no tab", "#pairmodel add=0.5 keep=0\nfeature 3:1.0\n", "no tab"},
		{"root out of range", "#bias\t21:1.0\n", "bad weight"},
		{"bad number", "f\t3:x\n", "bad weight"},
		{"bad threshold", "#pairmodel add=high\n", "add=high"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadPairModel(strings.NewReader(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestPairStage(t *testing.T) {
	base := mustCoder(t)
	if base.pair == nil {
		t.Fatal("the default coder has no pair model: data/pairmodel.txt.gz not embedded?")
	}
	toy := base.WithPairModel(toyModel("delegates"))
	rules := base.WithPairModel(nil)
	ctx := context.Background()
	tests := []struct {
		name, text string
		want       bool // a model event RUS → UKR 190
	}{
		{"adds what the rules missed", "Russian and Ukrainian delegates gathered in Minsk on Monday.", true},
		{"no event under negation", "Russian and Ukrainian delegates did not gather in Minsk on Monday.", false},
		{"no event under denial", "Moscow denied that Russian and Ukrainian delegates gathered in Minsk.", false},
		{"no event under speculation", "Russian and Ukrainian delegates might gather in Minsk.", false},
		{"no event without the word", "Russian and Ukrainian officials gathered in Minsk on Monday.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := toy.Code(ctx, Document{Text: tt.text, Published: pub})
			if err != nil {
				t.Fatal(err)
			}
			e := hasEvent(res, "RUS", "UKR", "19")
			if (e != nil) != tt.want {
				t.Fatalf("%v: model event RUS → UKR 19 present %v, want %v", triples(res), e != nil, tt.want)
			}
			if e != nil {
				if e.Code != "190" || !strings.HasPrefix(e.Evidence[len(e.Evidence)-1], "model:pair 19 ") {
					t.Errorf("code %s evidence %v, want 190 and model:pair 19", e.Code, e.Evidence)
				}
				if got := e.Date.Format("2006-01-02"); got != "2015-06-08" {
					t.Errorf("date %s, want Monday 2015-06-08", got)
				}
				if e.Place == nil || e.Place.Name != "Minsk" {
					t.Errorf("place %+v, want Minsk", e.Place)
				}
			}
			r0, _ := rules.Code(ctx, Document{Text: tt.text, Published: pub})
			if hasEvent(r0, "RUS", "UKR", "19") != nil {
				t.Errorf("rules alone coded 19: %v; the test needs a sentence they miss", triples(r0))
			}
		})
	}
	// a root the rules already coded for the pair is not added twice
	res, _ := toy.Code(ctx, Document{Text: "Russian troops attacked Ukrainian delegates in Donetsk.", Published: pub})
	n := 0
	for _, e := range res.Events {
		if strings.HasPrefix(e.Source.Code, "RUS") && strings.HasPrefix(e.Target.Code, "UKR") && root(e.Code) == "19" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%v: %d RUS → UKR 19 events, want the rules' one", triples(res), n)
	}
}

func TestPairCandidates(t *testing.T) {
	c := mustCoder(t)
	cands, err := c.PairCandidates(context.Background(), Document{Text: "Russian troops attacked Ukrainian positions near Donetsk, the Pentagon said.", Published: pub})
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[string]PairCandidate{}
	for _, pc := range cands {
		pairs[pc.Source.Code[:3]+">"+pc.Target.Code[:3]] = pc
	}
	pc, ok := pairs["RUS>UKR"]
	if !ok {
		t.Fatalf("no RUS → UKR candidate among %v", cands)
	}
	if _, ok := pairs["UKR>RUS"]; !ok {
		t.Error("no reverse candidate UKR → RUS")
	}
	if strings.Join(pc.RuleRoots, ",") != "19" {
		t.Errorf("rule roots %v, want [19]", pc.RuleRoots)
	}
	has := map[string]bool{}
	for _, f := range pc.Features {
		has[f] = true
	}
	for _, f := range []string{"r:19", "ord:AB", "vM:ATTACK", "s:attacked"} {
		if !has[f] {
			t.Errorf("feature %q missing from %v", f, pc.Features)
		}
	}
}
