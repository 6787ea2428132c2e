package storetest

import (
	"reflect"
	"testing"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

func TestSyntheticIsValidAndDeterministic(t *testing.T) {
	opt := SyntheticOptions{Events: 3000, Seed: 7}
	a, b := Synthetic(opt), Synthetic(opt)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same options gave different corpora")
	}
	n := 0
	counts := map[string]int{}
	for i, batch := range a {
		p, err := schema.Prepare(batch, cameo.MustStandard())
		if err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
		for _, e := range p.Events {
			counts[e.Source.Code]++
		}
		n += len(batch.Events)
	}
	if n != 3000 {
		t.Errorf("%d events, want 3000", n)
	}
	// Zipf: the busiest actor is far above the median.
	max := 0
	for _, c := range counts {
		if c > max {
			max = c
		}
	}
	if max < 3000/20 {
		t.Errorf("busiest source has %d events; want a hub with at least %d", max, 3000/20)
	}
}

func TestFixtureIsValid(t *testing.T) {
	for i, b := range FixtureBatches() {
		if _, err := schema.Prepare(b, cameo.MustStandard()); err != nil {
			t.Errorf("fixture batch %d: %v", i, err)
		}
	}
}
