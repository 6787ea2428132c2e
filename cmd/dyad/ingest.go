package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/samples"
	"github.com/dyadgraph/dyad/schema"
)

// ingestFlags are the flags ingest, watch and demo share.
type ingestFlags struct {
	store, logFormat       string
	workers, batch         int
	recode, stopOnFailure  bool
	maxBytes               int64
	retryFor, fetchTimeout time.Duration
	actorFiles, verbFiles  string
	rulesOnly              bool
}

func addIngestFlags(fs interface {
	StringVar(*string, string, string, string)
	IntVar(*int, string, int, string)
	BoolVar(*bool, string, bool, string)
	Int64Var(*int64, string, int64, string)
	DurationVar(*time.Duration, string, time.Duration, string)
}, f *ingestFlags) {
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "coding workers")
	fs.IntVar(&f.batch, "batch", 1000, "events per store write")
	fs.BoolVar(&f.recode, "recode", false, "code articles already in the store again (default: skip them)")
	fs.BoolVar(&f.stopOnFailure, "stop-on-failure", false, "stop at the first failed document (default: keep going, report all, exit 1)")
	fs.Int64Var(&f.maxBytes, "max-bytes", 5<<20, "largest document accepted; larger ones are skipped")
	fs.DurationVar(&f.retryFor, "retry-for", 5*time.Minute, "how long to retry a store that fails before giving up on a batch")
	fs.DurationVar(&f.fetchTimeout, "fetch-timeout", 30*time.Second, "timeout of one HTTP fetch")
	fs.StringVar(&f.actorFiles, "actors", "", "comma-separated extra actor dictionaries (Phoenix syntax) that add to or override the built-ins")
	fs.StringVar(&f.verbFiles, "verbs", "", "comma-separated extra verb dictionaries (CAMEO.2.0 syntax; patterns may use the built-in synsets such as &WEAPON)")
	fs.StringVar(&f.logFormat, "log-format", "text", "log format: text or json")
	fs.BoolVar(&f.rulesOnly, "rules-only", false, "code with the rules alone, without the statistical pair model")
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func newCoder(f ingestFlags) (*coder.Coder, error) {
	return coder.New(coder.Options{ActorFiles: splitList(f.actorFiles), VerbFiles: splitList(f.verbFiles), RulesOnly: f.rulesOnly})
}

// isTerminal reports whether w is a terminal (for redrawn progress).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func pipelineConfig(e env, f ingestFlags, s schema.Store, c *coder.Coder, log *slog.Logger) ingest.Config {
	return ingest.Config{
		Store:         s,
		Coder:         ingest.DictionaryCoder{Coder: c},
		Read:          ingest.ReadOptions{MaxBytes: f.maxBytes, Stdin: e.stdin, Fetcher: ingest.NewFetcher(ingest.FetchOptions{Timeout: f.fetchTimeout, MaxBytes: f.maxBytes})},
		Workers:       f.workers,
		BatchEvents:   f.batch,
		Recode:        f.recode,
		StopOnFailure: f.stopOnFailure,
		RetryFor:      f.retryFor,
		Progress:      e.stderr,
		Terminal:      isTerminal(e.stderr),
		Logger:        log,
	}
}

func runIngest(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "ingest", "PATH|URL|- ...", "Code articles into the store: .txt, .html, .json/.jsonl, RSS/Atom files or URLs,\nweb pages, directories (recursively) and - for standard input. Articles already\nstored are skipped, so running it again stores nothing twice and resumes a run\nthat was killed. Bad documents are reported with file:line and the run goes on;\nthe exit status is 1 when any document failed (use --stop-on-failure to stop at\nthe first).")
	var f ingestFlags
	store := storeFlag(fs, e)
	addIngestFlags(fs, &f)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	s, log, err := openWithLogger(ctx, e, *store, f.logFormat)
	if err != nil {
		return err
	}
	defer s.Close()
	return ingestInputs(ctx, e, f, s, log, fs.Args())
}

func ingestInputs(ctx context.Context, e env, f ingestFlags, s schema.Store, log *slog.Logger, inputs []string) error {
	c, err := newCoder(f)
	if err != nil {
		return err
	}
	sum, err := ingest.Run(ctx, pipelineConfig(e, f, s, c, log), inputs)
	fmt.Fprint(e.stderr, sum.String())
	if ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "interrupted: what was coded is stored; run the same command again to finish")
	}
	return err
}

func runWatch(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "watch", "FEED ...", "Poll RSS/Atom feeds (URLs or files) and ingest what is new, until interrupted.")
	var f ingestFlags
	store := storeFlag(fs, e)
	addIngestFlags(fs, &f)
	interval := fs.Duration("interval", 5*time.Minute, "time between polls")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	s, log, err := openWithLogger(ctx, e, *store, f.logFormat)
	if err != nil {
		return err
	}
	defer s.Close()
	c, err := newCoder(f)
	if err != nil {
		return err
	}
	cfg := pipelineConfig(e, f, s, c, log)
	cfg.Progress = nil
	for {
		sum, err := ingest.Run(ctx, cfg, fs.Args())
		log.Info("poll done", "read", sum.Read, "new_articles", sum.NewArticles, "new_events", sum.NewEvents, "already_stored", sum.AlreadyStored, "failed", sum.Failed)
		if err != nil && !errors.Is(err, ingest.ErrFailures) {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(*interval):
		}
	}
}

func runDemo(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "demo", "", "Code the bundled sample articles into the store, then serve the dashboard and the API.")
	var f ingestFlags
	store := storeFlag(fs, e)
	addIngestFlags(fs, &f)
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on")
	noServe := fs.Bool("no-serve", false, "ingest the samples and exit")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, log, err := openWithLogger(ctx, e, *store, f.logFormat)
	if err != nil {
		return err
	}
	defer s.Close()
	e.stdin = bytes.NewReader(samples.ArticlesJSONL())
	fmt.Fprintf(e.stderr, "Coding the sample articles into %s\n", *store)
	if err := ingestInputs(ctx, e, f, s, log, []string{"-"}); err != nil {
		return err
	}
	if *noServe || ctx.Err() != nil {
		return nil
	}
	return serve(ctx, e, log, serveConfig{store: *store, addr: *addr}, s)
}
