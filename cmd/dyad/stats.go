package main

import (
	"context"
	"encoding/json"
)

func runStats(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "stats", "", "Print counts of articles, events, mentions, actors and places as one JSON object.")
	store := storeFlag(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := openStoreForReading(ctx, *store)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	return json.NewEncoder(e.stdout).Encode(st)
}
