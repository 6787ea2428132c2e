// Package dgraphtest gives tests a real Dgraph: the address comes from
// DYAD_DGRAPH_ADDR (scripts/test.sh starts one). Without it a test is
// skipped on a developer's machine and FAILS in CI (CI=true), so a Dgraph
// suite can never pass by not running.
//
// Several test binaries (one per package) share one Dgraph and wipe it, so
// each test holds an exclusive file lock for as long as it uses Dgraph.
package dgraphtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/dgraph"
)

// Addr returns the Dgraph address for tests, skipping or failing without one.
func Addr(t testing.TB) string {
	t.Helper()
	addr := os.Getenv("DYAD_DGRAPH_ADDR")
	if addr == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("DYAD_DGRAPH_ADDR is not set: Dgraph tests must run in CI (use scripts/test.sh, which starts Dgraph)")
		}
		t.Skip("DYAD_DGRAPH_ADDR is not set; run scripts/test.sh to test against a real Dgraph")
	}
	return addr
}

// Lock takes the exclusive lock on the test Dgraph until t ends.
func Lock(t testing.TB) {
	t.Helper()
	addr := Addr(t)
	name := "dyad-dgraph-" + strings.NewReplacer(":", "-", "/", "-").Replace(addr) + ".lock"
	f, err := os.OpenFile(filepath.Join(os.TempDir(), name), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatalf("dgraph test lock: %v", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		t.Fatalf("dgraph test lock: %v", err)
	}
	t.Cleanup(func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	})
}

// Open connects to the test Dgraph and drops all its data. Call Lock first
// (once, in the top-level test).
func Open(t testing.TB) *dgraph.Store {
	t.Helper()
	return OpenConfig(t, dgraph.Config{})
}

// OpenConfig is Open with a configuration; its address is the test Dgraph's.
func OpenConfig(t testing.TB, cfg dgraph.Config) *dgraph.Store {
	t.Helper()
	addr := Addr(t)
	cfg.Addr = addr
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := dgraph.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Dgraph at %s is required but unreachable: %v", addr, err)
	}
	if err := s.DropAll(ctx); err != nil {
		s.Close()
		t.Fatalf("dropping Dgraph data at %s: %v", addr, err)
	}
	t.Logf("using a real Dgraph at %s (data dropped)", addr)
	return s
}
