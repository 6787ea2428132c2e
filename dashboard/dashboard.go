// Package dashboard is Dyad's analyst dashboard: a static single-page web
// application that `dyad serve` serves at "/". It talks to the server only
// through the public GraphQL API at /graphql, so everything it shows can be
// reproduced with the same queries in GraphiQL.
//
// The assets are plain HTML, CSS and JavaScript modules, embedded in the
// binary: there is no build step and nothing is fetched from a CDN, so the
// dashboard works offline. Charts are hand-built SVG.
//
// Views use hash routing so that every view is a deep link:
//
//	#/                                   store stats and actor search
//	#/actor/RUS*?from=2015-01-01&to=2017-01-01
//	#/dyad/RUS*/SYR*?bucket=MONTH&dir=both
//	#/network/SYRGOV?hops=2&min=1&max=60
//
// from and to (YYYY-MM-DD, to exclusive) are the date range every view
// respects; they are set in the page header.
package dashboard

import (
	"embed"
	"io/fs"
)

//go:embed static
var static embed.FS

// FS returns the dashboard's files, index.html at the root, for
// query.Config.Dashboard.
func FS() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}
