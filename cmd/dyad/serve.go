package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/dyadgraph/dyad/dashboard"
	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/query"
	"github.com/dyadgraph/dyad/schema"
)

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "serve", "", "Serve the GraphQL API (/graphql, /graphiql, /schema.graphql, /healthz, /metrics) and the dashboard (/).")
	store := storeFlag(fs, e)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	token := fs.String("token", e.getenv("DYAD_TOKEN"), "bearer token that enables the ingestArticles mutation (env DYAD_TOKEN); empty: writes off")
	cors := fs.String("cors", "", "comma-separated origins allowed to call the API from a browser, or *")
	timeout := fs.Duration("timeout", query.DefaultLimits().Timeout, "per-query timeout")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, log, err := openWithLogger(ctx, e, *store, *logFormat)
	if err != nil {
		return err
	}
	defer s.Close()
	return serve(ctx, e, log, serveConfig{store: *store, addr: *addr, token: *token, cors: *cors, limits: query.Limits{Timeout: *timeout}}, s)
}

type serveConfig struct {
	store, addr, token, cors string
	limits                   query.Limits
}

// Garbage collector settings dyad serve runs with unless GOGC or
// GOMEMLIMIT is set. The server's live heap is a few megabytes (the stores
// keep their data outside it), but one 2-hop network answer allocates
// about 75 MB, most of it graphql-go's per-field bookkeeping. At the
// default GOGC=100 the collector therefore runs several times per request
// and, on two cores, competes with it: 3% of network requests at 1,000,000
// events took 150 ms or more against a 55 ms median. At 1600 it runs about
// once a request and no request in the same test went over 90 ms
// (probe of 120 requests, docs/bench/README.md). The memory limit keeps a
// larger live heap (a big export, many concurrent requests) from growing
// 17-fold: near it the collector runs as often as it needs to.
const (
	serverGCPercent   = 1600
	serverMemoryLimit = 1 << 30
)

// tuneGCForServing applies serverGCPercent and serverMemoryLimit unless
// the user set GOGC or GOMEMLIMIT.
func tuneGCForServing(e env) {
	if e.getenv("GOGC") == "" {
		debug.SetGCPercent(serverGCPercent)
	}
	if e.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serverMemoryLimit)
	}
}

func serve(ctx context.Context, e env, log *slog.Logger, c serveConfig, s schema.Store) error {
	tuneGCForServing(e)
	var origins []string
	for _, o := range strings.Split(c.cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	cfg := query.Config{Store: s, Limits: c.limits, Token: c.token, CORSOrigins: origins, Logger: log, Dashboard: dashboard.FS()}
	if c.token != "" {
		cd, err := coder.New(coder.Options{})
		if err != nil {
			return err
		}
		cfg.Ingester = pipelineIngester{store: s, coder: ingest.DictionaryCoder{Coder: cd}, log: log}
	}
	srv, err := query.New(cfg)
	if err != nil {
		return err
	}
	log.Info("serving", "addr", "http://"+c.addr, "store", c.store, "writes", c.token != "")
	fmt.Fprintf(e.stderr, "Dyad is serving %s on http://%s/ (GraphiQL at /graphiql). Stop with Ctrl-C.\n", c.store, c.addr)
	return srv.ListenAndServe(ctx, c.addr)
}

// openWithLogger opens the store and the logger a long-running command needs.
func openWithLogger(ctx context.Context, e env, store, logFormat string) (schema.Store, *slog.Logger, error) {
	log, err := newLogger(e, logFormat)
	if err != nil {
		return nil, nil, err
	}
	s, err := openStore(ctx, store)
	if err != nil {
		return nil, nil, err
	}
	return s, log, nil
}

func newLogger(e env, format string) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(e.stderr, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(e.stderr, nil)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}
