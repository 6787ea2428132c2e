package dgraph

import (
	"context"

	"github.com/dgraph-io/dgo/v230/protos/api"

	"github.com/dyadgraph/dyad/schema"
)

// AggregateEvents groups events, bypassing the rollups.
func AggregateEvents(ctx context.Context, s *Store, f schema.EventFilter, g schema.Grouping) ([]schema.AggregateRow, error) {
	txn := s.dg.NewReadOnlyTxn()
	defer txn.Discard(ctx)
	return s.aggregateEvents(ctx, txn, f, g)
}

// RollupState counts pending deltas and rollup rows.
func RollupState(ctx context.Context, s *Store) (deltas, rows int, err error) {
	var out struct {
		D []struct {
			N int `json:"count"`
		} `json:"d"`
		R []struct {
			N int `json:"count"`
		} `json:"r"`
	}
	err = s.run(ctx, newQuery(), "d(func: eq(delta.open, true)) { count(uid) }\nr(func: has(dyad.key)) { count(uid) }\n", &out)
	if err == nil && len(out.D) > 0 && len(out.R) > 0 {
		deltas, rows = out.D[0].N, out.R[0].N
	}
	return deltas, rows, err
}

// DropRollups removes every rollup, delta and the built marker, leaving
// the store as one written before rollups existed.
func DropRollups(ctx context.Context, s *Store) error {
	for _, pred := range []string{"dyad.key", "dyad.src", "dyad.tgt", "dyad.codes", "dyad.months", "adj.key", "adj.rows", "delta.rows", "delta.open", rollupsMarker} {
		if err := s.dg.Alter(ctx, &api.Operation{DropAttr: pred}); err != nil {
			return err
		}
	}
	return s.alterSchema(ctx)
}

// RawQuery runs DQL and returns the response, for probes.
func RawQuery(ctx context.Context, s *Store, q string) (*api.Response, error) {
	txn := s.dg.NewReadOnlyTxn()
	defer txn.Discard(ctx)
	return txn.Query(ctx, q)
}
