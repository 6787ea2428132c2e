package query

import (
	"context"
	"time"

	"github.com/graph-gophers/dataloader/v7"

	"github.com/dyadgraph/dyad/schema"
)

// loaders batch the lookups of one request: every actor or article named
// anywhere in a response is fetched in one store call per level of the
// query, not one per field (no N+1). They memoise, so they live for one
// request only.
type loaders struct {
	actors   *dataloader.Loader[string, schema.ActorSummary]
	articles *dataloader.Loader[string, schema.Article]
}

// loaderWait is how long a loader gathers keys before it calls the store.
// graphql-go resolves one level of a query serially before it calls any
// thunk, so the keys of a level arrive within microseconds.
const loaderWait = 2 * time.Millisecond

func newLoaders(s schema.Store) *loaders {
	return &loaders{
		actors: dataloader.NewBatchedLoader(func(ctx context.Context, codes []string) []*dataloader.Result[schema.ActorSummary] {
			sums, err := s.Actors(ctx, codes)
			return results(codes, sums, err)
		}, dataloader.WithWait[string, schema.ActorSummary](loaderWait), dataloader.WithBatchCapacity[string, schema.ActorSummary](500)),
		articles: dataloader.NewBatchedLoader(func(ctx context.Context, ids []string) []*dataloader.Result[schema.Article] {
			arts, err := s.Articles(ctx, ids)
			return results(ids, arts, err)
		}, dataloader.WithWait[string, schema.Article](loaderWait), dataloader.WithBatchCapacity[string, schema.Article](500)),
	}
}

func results[V any](keys []string, vals []V, err error) []*dataloader.Result[V] {
	out := make([]*dataloader.Result[V], len(keys))
	for i := range keys {
		switch {
		case err != nil:
			out[i] = &dataloader.Result[V]{Error: err}
		case i < len(vals):
			out[i] = &dataloader.Result[V]{Data: vals[i]}
		default:
			out[i] = &dataloader.Result[V]{Error: errShortBatch}
		}
	}
	return out
}

type loadersKey struct{}

func withLoaders(ctx context.Context, l *loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	return l
}

// thunk adapts a dataloader thunk to the exact signature graphql-go
// resolves breadth-first after the level is done.
func thunk[V any](t dataloader.Thunk[V], then func(V) (interface{}, error)) func() (interface{}, error) {
	return func() (interface{}, error) {
		v, err := t()
		if err != nil {
			return nil, err
		}
		return then(v)
	}
}
