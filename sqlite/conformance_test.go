package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) schema.Store { return openTemp(t) })
}

// openTemp opens a fresh store in a temporary directory.
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestConformanceFoldingEveryWrite runs the suite with every write folding
// its events into the rollups, so aggregates come from rollup rows rather
// than from the unfolded tail that the default run reads.
func TestConformanceFoldingEveryWrite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) schema.Store {
		s := openTemp(t)
		s.foldEvery = 1
		return s
	})
}
