package schema

import _ "embed"

// DQL is the Dgraph schema of the dgraph store: predicates, indexes and types.
//
//go:embed schema.dql
var DQL string
