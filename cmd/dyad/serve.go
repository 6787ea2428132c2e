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

// serverGCPercent is the garbage collector target dyad serve runs with
// unless GOGC is set. A network answer allocates tens of megabytes, most
// of it graphql-go's per-field bookkeeping, and on two cores the collector
// running at the default 100 competes with the requests: at 400 the mean
// 2-hop network on 100,000 events fell from 62–75 to 55 ms. The live heap
// is small (the stores keep their data out of the Go heap), so four times
// it is still a few hundred megabytes.
const serverGCPercent = 400

// tuneGCForServing applies serverGCPercent unless the user set GOGC.
func tuneGCForServing(e env) {
	if e.getenv("GOGC") == "" {
		debug.SetGCPercent(serverGCPercent)
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
