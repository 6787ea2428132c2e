package ingest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// readFeed reads an RSS or Atom feed with gofeed: one document per item,
// its text from the item's content, else its description.
func readFeed(ctx context.Context, origin string, b []byte, feedURL string, opt ReadOptions, emit func(Item) error) error {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return emit(Item{Origin: origin, Err: fmt.Errorf("malformed feed: %w", err)})
	}
	for i, it := range feed.Items {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		o := fmt.Sprintf("%s#item%d", origin, i+1)
		doc, skip, err := feedDocument(feed, it)
		if err := emit(item(o, doc, skip, err)); err != nil {
			return err
		}
	}
	return nil
}

func feedDocument(feed *gofeed.Feed, it *gofeed.Item) (*Document, string, error) {
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	text := htmlText(body)
	if text == "" {
		return nil, "empty: the item has no content or description", nil
	}
	var pub time.Time
	switch {
	case it.PublishedParsed != nil:
		pub = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		pub = it.UpdatedParsed.UTC()
	default:
		return nil, "", fmt.Errorf("item %q has no publication date", it.Title)
	}
	if err := checkPublished(pub); err != nil {
		return nil, "", fmt.Errorf("item %q: publication date %w", it.Title, err)
	}
	link := it.Link
	if link == "" && strings.HasPrefix(it.GUID, "http") {
		link = it.GUID
	}
	return &Document{
		ID:        ArticleID(link, it.GUID, text),
		URL:       link,
		Title:     strings.TrimSpace(it.Title),
		Outlet:    strings.TrimSpace(feed.Title),
		Published: pub,
		Text:      text,
	}, "", nil
}
