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
