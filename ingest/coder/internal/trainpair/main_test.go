package main

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyadgraph/dyad/ingest/coder"
)

// TestEmbeddedModelIsCurrent retrains the pair model from testdata with the
// settings go generate uses and compares it with the embedded one: a change
// to the rules or the features that was not followed by go generate fails
// here. Weights are compared with a tolerance so that a machine whose float
// arithmetic differs in the last bits still passes.
func TestEmbeddedModelIsCurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "model.txt.gz")
	cfg := coder.TrainConfig{Epochs: defaultEpochs, L2: defaultL2, Orders: defaultOrders}
	if err := run(io.Discard, "../../testdata", defaultSets, "", out, "", 100, defaultAdd, defaultKeep, cfg); err != nil {
		t.Fatal(err)
	}
	fresh := readModel(t, out)
	embedded := readModel(t, "../../data/pairmodel.txt.gz")
	if fresh.AddAt != embedded.AddAt || fresh.KeepAt != embedded.KeepAt {
		t.Errorf("thresholds: embedded %v/%v, retrained %v/%v", embedded.AddAt, embedded.KeepAt, fresh.AddAt, fresh.KeepAt)
	}
	fw, ew := fresh.Weights(), embedded.Weights()
	stale := 0
	for f, v := range fw {
		u := ew[f]
		for r := range v {
			if math.Abs(float64(v[r]-u[r])) > 0.01 {
				if stale < 5 {
					t.Errorf("feature %q root %02d: embedded %.3f, retrained %.3f", f, r+1, u[r], v[r])
				}
				stale++
				break
			}
		}
	}
	for f := range ew {
		if _, ok := fw[f]; !ok {
			stale++
		}
	}
	if stale > 0 {
		t.Errorf("%d features differ: run go generate ./ingest/coder", stale)
	}
}

func readModel(t *testing.T, path string) *coder.PairModel {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := coder.ReadPairModel(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
