package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/dyadgraph/dyad/dgraph"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/sqlite"
)

// defaultStore is the embedded store in the working directory.
const defaultStore = "sqlite:dyad.db"

// storeFlag adds --store to a flag set; its default comes from DYAD_STORE.
func storeFlag(fs *flag.FlagSet, e env) *string {
	def := e.getenv("DYAD_STORE")
	if def == "" {
		def = defaultStore
	}
	return fs.String("store", def, "where events live: sqlite:PATH or dgraph:HOST:PORT (env DYAD_STORE)")
}

// openStore opens a store from its address: sqlite:PATH or dgraph:HOST:PORT.
func openStore(ctx context.Context, addr string) (schema.Store, error) {
	kind, rest, ok := strings.Cut(addr, ":")
	if !ok || rest == "" {
		return nil, fmt.Errorf("store %q: want sqlite:PATH or dgraph:HOST:PORT", addr)
	}
	switch kind {
	case "sqlite":
		s, err := sqlite.Open(ctx, rest)
		if err != nil {
			return nil, err
		}
		return s, nil
	case "dgraph":
		s, err := dgraph.Open(ctx, dgraph.Config{Addr: rest})
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	return nil, fmt.Errorf("store %q: unknown kind %q; want sqlite or dgraph", addr, kind)
}

// openStoreForReading opens a store that the command only reads: a SQLite
// file is opened read-only, so a read-only store can still be read.
func openStoreForReading(ctx context.Context, addr string) (schema.Store, error) {
	if path, ok := strings.CutPrefix(addr, "sqlite:"); ok && path != "" {
		s, err := sqlite.OpenReadOnly(ctx, path)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	return openStore(ctx, addr)
}
