// Command dyad turns news articles into a graph of CAMEO-coded geopolitical
// events and answers questions about it over GraphQL.
//
// Usage:
//
//	dyad <command> [flags] [arguments]
//
// Run "dyad help" for the commands and "dyad <command> -h" for their flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// env is what a command sees of the world; tests replace it.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"serve":   {"serve the GraphQL API and the dashboard", runServe},
		"ingest":  {"code articles from files, feeds or URLs into the store", runIngest},
		"extract": {"code articles and print one event per line as JSONL, without storing", runExtract},
		"eval":    {"score the coder on gold-standard sentence files", runEval},
		"stats":   {"print counts of what the store holds as JSON", runStats},
		"demo":    {"load the bundled sample articles into the embedded store and serve them", runDemo},
		"bench":   {"measure write and query speed against a baseline", runBench},
		"migrate": {"copy every event with its provenance from one store to another", runMigrate},
		"export":  {"stream events as CSV or JSONL with the API's filters", runExport},
		"watch":   {"poll feeds and ingest what is new, until interrupted", runWatch},
		"version": {"print the version", runVersion},
	}
}

// errUsage marks errors already explained by a usage message.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, env{os.Stdin, os.Stdout, os.Stderr, os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "dyad: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return 2
	}
	if err := cmd.run(ctx, e, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if !errors.Is(err, errUsage) {
			fmt.Fprintf(e.stderr, "dyad %s: %v\n", args[0], err)
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprint(w, "Dyad turns news articles into a graph of CAMEO-coded events and answers questions about it.\n\nUsage: dyad <command> [flags] [arguments]\n\nCommands:\n")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprint(w, "\nStores: --store sqlite:PATH (default sqlite:dyad.db) or --store dgraph:HOST:PORT, also from DYAD_STORE.\nRun \"dyad <command> -h\" for a command's flags.\n")
}

// newFlags returns a flag set that prints its usage to the command's stderr.
func newFlags(e env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: dyad %s [flags] %s\n\n%s\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning a parse failure into errUsage (already printed).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

func runVersion(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "version", "", "Print the version.")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "dyad %s\n", version)
	return nil
}
