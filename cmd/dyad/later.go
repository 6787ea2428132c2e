package main

import (
	"context"
	"fmt"
)

// notYet is for commands whose issue has not landed: they say so plainly
// and fail, rather than pretend.
func notYet(name, issue string) func(context.Context, env, []string) error {
	return func(ctx context.Context, e env, args []string) error {
		fs := newFlags(e, name, "", "Not available yet: "+issue+".")
		if err := parse(fs, args); err != nil {
			return err
		}
		return fmt.Errorf("not yet: %s", issue)
	}
}

var (
	runIngest  = notYet("ingest", "ingest workers land with issue #4")
	runExtract = notYet("extract", "the event coder lands with issue #3")
	runEval    = notYet("eval", "the event coder lands with issue #3")
	runDemo    = notYet("demo", "the sample corpus lands with issue #4")
)
