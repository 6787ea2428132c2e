package query

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

var errShortBatch = errors.New("store returned fewer items than asked for")

// Ingester codes and stores posted articles (the ingestArticles mutation).
type Ingester interface {
	IngestArticles(ctx context.Context, articles []ArticleInput) (IngestReport, error)
}

// ArticleInput is an article posted to the ingestArticles mutation.
type ArticleInput struct {
	ID, URL, Title, Outlet string
	Published              time.Time
	Text, HTML             string
}

// IngestReport says what ingestArticles did.
type IngestReport struct {
	Articles     int      // articles received
	Coded        int      // articles coded
	Skipped      []string // "id: reason" for each skipped article
	NewEvents    int
	MergedEvents int
}

// api holds what resolvers need; one per server.
type api struct {
	store    schema.Store
	ontology *cameo.Ontology
	limits   Limits
	ingester Ingester
}

// actorNode is an actor as the API shows it; the summary (event counts)
// is loaded on demand through the request's loader.
type actorNode struct {
	code, name string
}

type rankedNode struct {
	schema.RankedActor
	of       string
	from, to time.Time
}

type pathNode struct{ codes []string }

type linkNode struct{ from, to string }

type mentionNode struct{ schema.Mention }

// Descriptions shared by arguments.
const (
	selectorDoc = "An actor selector: a CAMEO actor code such as RUSGOV matches that actor exactly; a code followed by * (RUS*) matches it and every actor under it (RUS, RUSGOV, RUSMIL, ...)."
	fromDoc     = "First day included, YYYY-MM-DD."
	toDoc       = "First day excluded, YYYY-MM-DD."
)

func (a *api) buildSchema() (graphql.Schema, error) {
	dateArgs := func(args graphql.FieldConfigArgument) graphql.FieldConfigArgument {
		args["from"] = &graphql.ArgumentConfig{Type: graphql.String, Description: fromDoc}
		args["to"] = &graphql.ArgumentConfig{Type: graphql.String, Description: toDoc}
		return args
	}

	bucketEnum := graphql.NewEnum(graphql.EnumConfig{
		Name:        "Bucket",
		Description: "A timeline period. Weeks start on Monday (ISO 8601).",
		Values: graphql.EnumValueConfigMap{
			"DAY":   {Value: string(schema.BucketDay)},
			"WEEK":  {Value: string(schema.BucketWeek)},
			"MONTH": {Value: string(schema.BucketMonth)},
			"YEAR":  {Value: string(schema.BucketYear)},
		},
	})
	roleEnum := graphql.NewEnum(graphql.EnumConfig{
		Name:        "Role",
		Description: "Which side of an event an actor is on.",
		Values: graphql.EnumValueConfigMap{
			"SOURCE": {Value: "SOURCE", Description: "the actor acts"},
			"TARGET": {Value: "TARGET", Description: "the actor is acted on"},
			"EITHER": {Value: "EITHER", Description: "either side"},
		},
	})

	orderEnum := graphql.NewEnum(graphql.EnumConfig{
		Name:        "EventOrder",
		Description: "The order of an events connection.",
		Values: graphql.EnumValueConfigMap{
			"OLDEST_FIRST": {Value: "OLDEST_FIRST", Description: "by day, then id"},
			"NEWEST_FIRST": {Value: "NEWEST_FIRST", Description: "by day descending, then id descending"},
		},
	})
	eventType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "EventType",
		Description: "A CAMEO event code of the ontology.",
		Fields: graphql.Fields{
			"code":        {Type: graphql.NewNonNull(graphql.String), Description: "2, 3 or 4 digits."},
			"name":        {Type: graphql.NewNonNull(graphql.String)},
			"description": {Type: graphql.NewNonNull(graphql.String)},
			"goldstein":   {Type: graphql.NewNonNull(graphql.Float), Description: "Goldstein conflict–cooperation weight, -10 to +10."},
			"quadClass":   {Type: graphql.NewNonNull(graphql.Int), Description: "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."},
			"rootCode":    {Type: graphql.NewNonNull(graphql.String)},
		},
	})
	setResolvers(eventType, func(p graphql.ResolveParams) map[string]interface{} {
		t := p.Source.(cameo.EventType)
		return map[string]interface{}{"code": t.Code, "name": t.Name, "description": t.Description, "goldstein": t.Goldstein, "quadClass": int(t.Quad), "rootCode": t.Root}
	})

	placeType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Place",
		Description: "Where an event happened.",
		Fields: graphql.Fields{
			"name":    {Type: graphql.NewNonNull(graphql.String)},
			"country": {Type: graphql.NewNonNull(graphql.String), Description: "CAMEO country code."},
			"lat":     {Type: graphql.NewNonNull(graphql.Float)},
			"lon":     {Type: graphql.NewNonNull(graphql.Float)},
		},
	})
	setResolvers(placeType, func(p graphql.ResolveParams) map[string]interface{} {
		pl := p.Source.(*schema.Place)
		return map[string]interface{}{"name": pl.Name, "country": pl.Country, "lat": pl.Lat, "lon": pl.Lon}
	})

	articleType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Article",
		Description: "A news report events were coded from.",
		Fields: graphql.Fields{
			"id":        {Type: graphql.NewNonNull(graphql.ID), Description: "Stable: from the canonical URL, else a hash of the text."},
			"url":       {Type: graphql.String},
			"title":     {Type: graphql.String},
			"outlet":    {Type: graphql.String},
			"published": {Type: graphql.NewNonNull(graphql.String), Description: "Publication time, RFC 3339."},
			"language":  {Type: graphql.String},
		},
	})
	setResolvers(articleType, func(p graphql.ResolveParams) map[string]interface{} {
		ar := p.Source.(schema.Article)
		return map[string]interface{}{"id": ar.ID, "url": ar.URL, "title": ar.Title, "outlet": ar.Outlet, "published": ar.Published.UTC().Format(time.RFC3339), "language": ar.Language}
	})

	actorType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Actor",
		Description: "A CAMEO-coded actor: a country (RUS), a sector of one (RUSMIL, SYRREB), an international organisation (IGOUNO) or a group.",
		Fields: graphql.Fields{
			"code":        {Type: graphql.NewNonNull(graphql.String), Description: "CAMEO actor code."},
			"name":        {Type: graphql.NewNonNull(graphql.String)},
			"country":     {Type: graphql.NewNonNull(graphql.String), Description: "First three characters of the code: the country, or IGO/NGO/MNC/... for non-state actors."},
			"countryName": {Type: graphql.String, Description: "The country's name, when the first segment is a country."},
			"sector":      {Type: graphql.String, Description: "The segments after the country: GOV, MIL, REB, ... (empty for the country itself)."},
			"sectorName":  {Type: graphql.String, Description: "The name of the first sector segment."},
			"asSource":    {Type: graphql.NewNonNull(graphql.Int), Description: "Events in which the actor acts."},
			"asTarget":    {Type: graphql.NewNonNull(graphql.Int), Description: "Events in which the actor is acted on."},
		},
	})
	mentionType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Mention",
		Description: "One report of an event: its provenance.",
		Fields: graphql.Fields{
			"article":       {Type: articleType},
			"sentence":      {Type: graphql.NewNonNull(graphql.String)},
			"sentenceIndex": {Type: graphql.NewNonNull(graphql.Int), Description: "Position of the sentence in the article, from 0."},
			"evidence":      {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))), Description: "Matched actor phrases and the verb pattern."},
			"reportedBy":    {Type: actorType, Description: "Who the sentence attributes the report to, if anyone."},
		},
	})
	eventObj := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Event",
		Description: "An actor–action–target event in the CAMEO ontology. The same event (dyad, code, day, place) reported by several articles is one event with several mentions.",
		Fields: graphql.Fields{
			"id":          {Type: graphql.NewNonNull(graphql.ID)},
			"source":      {Type: graphql.NewNonNull(actorType)},
			"target":      {Type: graphql.NewNonNull(actorType)},
			"code":        {Type: graphql.NewNonNull(graphql.String), Description: "CAMEO event code."},
			"rootCode":    {Type: graphql.NewNonNull(graphql.String)},
			"quadClass":   {Type: graphql.NewNonNull(graphql.Int)},
			"goldstein":   {Type: graphql.NewNonNull(graphql.Float)},
			"eventType":   {Type: graphql.NewNonNull(eventType)},
			"date":        {Type: graphql.NewNonNull(graphql.String), Description: "Day of the event, YYYY-MM-DD."},
			"place":       {Type: placeType},
			"numMentions": {Type: graphql.NewNonNull(graphql.Int), Description: "Reports of this event (GDELT NumMentions)."},
			"numOutlets":  {Type: graphql.NewNonNull(graphql.Int), Description: "Distinct outlets reporting it (GDELT NumSources)."},
			"mentions":    {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(mentionType)))},
			"sentence":    {Type: graphql.NewNonNull(graphql.String), Description: "The sentence of the first mention."},
			"evidence":    {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))), Description: "The evidence of the first mention."},
			"reportedBy":  {Type: actorType, Description: "The reporter of the first mention, if any."},
			"articles":    {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(articleType))), Description: "The articles of all mentions."},
		},
	})
	pageInfo := graphql.NewObject(graphql.ObjectConfig{
		Name: "PageInfo",
		Fields: graphql.Fields{
			"hasNextPage":     {Type: graphql.NewNonNull(graphql.Boolean)},
			"hasPreviousPage": {Type: graphql.NewNonNull(graphql.Boolean), Description: "Always false: pages only go forward."},
			"startCursor":     {Type: graphql.String},
			"endCursor":       {Type: graphql.String, Description: "Pass as after to get the next page."},
		},
	})
	edgeType := graphql.NewObject(graphql.ObjectConfig{
		Name: "EventEdge",
		Fields: graphql.Fields{
			"cursor": {Type: graphql.NewNonNull(graphql.String)},
			"node":   {Type: graphql.NewNonNull(eventObj)},
		},
	})
	connType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "EventConnection",
		Description: "A page of events in (date, id) order, or the reverse.",
		Fields: graphql.Fields{
			"edges":      {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(edgeType)))},
			"pageInfo":   {Type: graphql.NewNonNull(pageInfo)},
			"totalCount": {Type: graphql.NewNonNull(graphql.Int), Description: "Events matching the filter in all pages."},
		},
	})

	filterInput := graphql.NewInputObject(graphql.InputObjectConfig{
		Name:        "EventFilter",
		Description: "Selects events. Values within a list are alternatives; fields combine with AND.",
		Fields: graphql.InputObjectConfigFieldMap{
			"sources":     {Type: graphql.NewList(graphql.NewNonNull(graphql.String)), Description: "Source actor selectors. " + selectorDoc},
			"targets":     {Type: graphql.NewList(graphql.NewNonNull(graphql.String)), Description: "Target actor selectors."},
			"actors":      {Type: graphql.NewList(graphql.NewNonNull(graphql.String)), Description: "Selectors matching either side."},
			"codePrefix":  {Type: graphql.String, Description: "CAMEO event codes starting with this (\"19\", \"193\")."},
			"roots":       {Type: graphql.NewList(graphql.NewNonNull(graphql.String)), Description: "Two-digit CAMEO roots."},
			"quadClasses": {Type: graphql.NewList(graphql.NewNonNull(graphql.Int)), Description: "Quad classes 1–4."},
			"from":        {Type: graphql.String, Description: fromDoc},
			"to":          {Type: graphql.String, Description: toDoc},
			"country":     {Type: graphql.String, Description: "CAMEO country code of the event's place."},
			"place":       {Type: graphql.String, Description: "Name of the event's place, any case."},
			"outlet":      {Type: graphql.String, Description: "An outlet among the event's reports."},
			"minMentions": {Type: graphql.Int, Description: "Keep events reported at least this many times."},
		},
	})

	tallyFields := func() graphql.Fields {
		return graphql.Fields{
			"events":              {Type: graphql.NewNonNull(graphql.Int)},
			"verbalCooperation":   {Type: graphql.NewNonNull(graphql.Int), Description: "Events of quad class 1."},
			"materialCooperation": {Type: graphql.NewNonNull(graphql.Int), Description: "Events of quad class 2."},
			"verbalConflict":      {Type: graphql.NewNonNull(graphql.Int), Description: "Events of quad class 3."},
			"materialConflict":    {Type: graphql.NewNonNull(graphql.Int), Description: "Events of quad class 4."},
			"goldsteinSum":        {Type: graphql.NewNonNull(graphql.Float)},
			"goldsteinMean":       {Type: graphql.NewNonNull(graphql.Float)},
			"first":               {Type: graphql.String, Description: "Day of the earliest event."},
			"last":                {Type: graphql.String, Description: "Day of the latest event."},
		}
	}
	rootCount := graphql.NewObject(graphql.ObjectConfig{
		Name: "RootCount",
		Fields: graphql.Fields{
			"root":   {Type: graphql.NewNonNull(graphql.String)},
			"name":   {Type: graphql.NewNonNull(graphql.String)},
			"events": {Type: graphql.NewNonNull(graphql.Int)},
		},
	})
	tf := tallyFields()
	tf["source"] = &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "The acting selector."}
	tf["target"] = &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "The selector acted on."}
	tf["byRoot"] = &graphql.Field{Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(rootCount))), Description: "Events per CAMEO root, most first."}
	dyadTally := graphql.NewObject(graphql.ObjectConfig{Name: "DyadTally", Description: "Events from one side of a dyad to the other.", Fields: tf})
	relationsType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Relations",
		Description: "How two actors acted on each other, both directions.",
		Fields: graphql.Fields{
			"forward":  {Type: graphql.NewNonNull(dyadTally), Description: "source acting on target"},
			"backward": {Type: graphql.NewNonNull(dyadTally), Description: "target acting on source"},
		},
	})
	pf := tallyFields()
	pf["start"] = &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "First day of the period."}
	timelinePoint := graphql.NewObject(graphql.ObjectConfig{Name: "TimelinePoint", Description: "One period of a timeline; empty periods are included.", Fields: pf})

	rf := tallyFields()
	rf["actor"] = &graphql.Field{Type: graphql.NewNonNull(actorType)}
	rf["score"] = &graphql.Field{Type: graphql.NewNonNull(graphql.Float), Description: "Summed Goldstein value of the actor's events towards the ranked actor: cooperation counts up, conflict down."}
	rf["evidence"] = &graphql.Field{
		Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(eventObj))),
		Description: "A sample of the events behind the score, strongest first.",
		Args:        graphql.FieldConfigArgument{"first": {Type: graphql.Int, DefaultValue: 3}},
	}
	rankedType := graphql.NewObject(graphql.ObjectConfig{Name: "RankedActor", Description: "An actor ranked by how it acts towards another.", Fields: rf})

	nodeType := graphql.NewObject(graphql.ObjectConfig{
		Name: "NetworkNode",
		Fields: graphql.Fields{
			"actor": {Type: graphql.NewNonNull(actorType)},
			"hops":  {Type: graphql.NewNonNull(graphql.Int), Description: "Distance from the centre; 0 for the centre."},
		},
	})
	ef := tallyFields()
	ef["source"] = &graphql.Field{Type: graphql.NewNonNull(actorType)}
	ef["target"] = &graphql.Field{Type: graphql.NewNonNull(actorType)}
	ef["sign"] = &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "1 when the summed Goldstein value is positive (cooperation), -1 when negative (conflict), else 0."}
	networkEdge := graphql.NewObject(graphql.ObjectConfig{Name: "NetworkEdge", Description: "The events from one actor to another: weighted by count and signed by Goldstein.", Fields: ef})
	networkType := graphql.NewObject(graphql.ObjectConfig{
		Name: "Network",
		Fields: graphql.Fields{
			"nodes": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(nodeType)))},
			"edges": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(networkEdge)))},
		},
	})
	linkType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "PathLink",
		Description: "Two consecutive actors of a path and the events between them.",
		Fields: graphql.Fields{
			"from": {Type: graphql.NewNonNull(actorType)},
			"to":   {Type: graphql.NewNonNull(actorType)},
			"events": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(eventObj))),
				Description: "Events between the two, in either direction, latest first.",
				Args:        graphql.FieldConfigArgument{"first": {Type: graphql.Int, DefaultValue: 3}},
			},
		},
	})
	pathType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Path",
		Description: "The shortest chain of actors linked by events (in either direction).",
		Fields: graphql.Fields{
			"actors": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(actorType)))},
			"hops":   {Type: graphql.NewNonNull(graphql.Int)},
			"links":  {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(linkType)))},
		},
	})
	statsType := graphql.NewObject(graphql.ObjectConfig{
		Name: "Stats",
		Fields: graphql.Fields{
			"articles": {Type: graphql.NewNonNull(graphql.Int)},
			"events":   {Type: graphql.NewNonNull(graphql.Int)},
			"mentions": {Type: graphql.NewNonNull(graphql.Int)},
			"actors":   {Type: graphql.NewNonNull(graphql.Int)},
			"places":   {Type: graphql.NewNonNull(graphql.Int)},
		},
	})

	// Fields that need the other types.
	actorType.AddFieldConfig("events", &graphql.Field{
		Type:        graphql.NewNonNull(connType),
		Description: "The actor's events, in date order.",
		Args: graphql.FieldConfigArgument{
			"role":  {Type: roleEnum, DefaultValue: "EITHER"},
			"first": {Type: graphql.Int, DefaultValue: 20},
			"after": {Type: graphql.String},
			"order": {Type: orderEnum, DefaultValue: "OLDEST_FIRST"},
		},
		Resolve: a.actorEvents,
	})
	a.resolveActor(actorType)
	a.resolveMention(mentionType)
	a.resolveEvent(eventObj, eventType, placeType)
	resolveConnection(connType, edgeType, pageInfo)
	a.resolveTallies(dyadTally, timelinePoint, rankedType, networkEdge, rootCount)
	a.resolveGraphs(relationsType, nodeType, networkType, linkType, pathType, statsType)

	rankField := func(description string, stance schema.Stance) *graphql.Field {
		return &graphql.Field{
			Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(rankedType))),
			Description: description,
			Args: dateArgs(graphql.FieldConfigArgument{
				"of":    {Type: graphql.NewNonNull(graphql.String), Description: selectorDoc},
				"first": {Type: graphql.Int, DefaultValue: 10},
			}),
			Resolve: a.rank(stance),
		}
	}
	queryType := graphql.NewObject(graphql.ObjectConfig{
		Name: "Query",
		Fields: graphql.Fields{
			"actor": {
				Type: actorType, Description: "One actor by exact CAMEO code; null if it has never been seen.",
				Args:    graphql.FieldConfigArgument{"code": {Type: graphql.NewNonNull(graphql.String)}},
				Resolve: a.actor,
			},
			"actors": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(actorType))),
				Description: "Actors whose code or name contains the search text, most active first.",
				Args: graphql.FieldConfigArgument{
					"search": {Type: graphql.NewNonNull(graphql.String)},
					"first":  {Type: graphql.Int, DefaultValue: 20},
				},
				Resolve: a.actors,
			},
			"events": {
				Type: graphql.NewNonNull(connType), Description: "Events matching a filter, a page at a time (Relay connection).",
				Args: graphql.FieldConfigArgument{
					"filter": {Type: filterInput},
					"first":  {Type: graphql.Int, DefaultValue: 50},
					"after":  {Type: graphql.String, Description: "endCursor of the previous page."},
					"order":  {Type: orderEnum, DefaultValue: "OLDEST_FIRST"},
				},
				Resolve: a.events,
			},
			"relations": {
				Type: graphql.NewNonNull(relationsType), Description: "Counts by quad class and root, Goldstein sum and mean, first and last day, in both directions between two actors.",
				Args: dateArgs(graphql.FieldConfigArgument{
					"source": {Type: graphql.NewNonNull(graphql.String), Description: selectorDoc},
					"target": {Type: graphql.NewNonNull(graphql.String), Description: selectorDoc},
				}),
				Resolve: a.relations,
			},
			"supporters": rankField("Who supports an actor: actors whose events towards it sum to a positive Goldstein score, highest first (ties: more events, then code). Actors selected by `of` itself are left out.", schema.Supporters),
			"opponents":  rankField("Who opposes an actor: actors whose events towards it sum to a negative Goldstein score, lowest first (ties: more events, then code). Actors selected by `of` itself are left out.", schema.Opponents),
			"timeline": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(timelinePoint))),
				Description: "Events per period with counts by quad class and Goldstein sum; empty periods included. Give source and/or target for a directed dyad, actor for everything an actor is part of.",
				Args: dateArgs(graphql.FieldConfigArgument{
					"source": {Type: graphql.String, Description: selectorDoc},
					"target": {Type: graphql.String, Description: selectorDoc},
					"actor":  {Type: graphql.String, Description: "Either side; " + selectorDoc},
					"bucket": {Type: bucketEnum, DefaultValue: string(schema.BucketMonth)},
				}),
				Resolve: a.timeline,
			},
			"network": {
				Type:        graphql.NewNonNull(networkType),
				Description: "An actor's neighbourhood: the actors within `hops` links and the directed, weighted, signed edges of their events.",
				Args: dateArgs(graphql.FieldConfigArgument{
					"actor":     {Type: graphql.NewNonNull(graphql.String), Description: selectorDoc},
					"hops":      {Type: graphql.Int, DefaultValue: 1, Description: fmt.Sprintf("1 to %d.", schema.MaxNetworkHops)},
					"minEvents": {Type: graphql.Int, DefaultValue: 1, Description: "Leave out edges with fewer events."},
					"maxNodes":  {Type: graphql.Int, DefaultValue: 200, Description: "Keep at most this many nodes, nearest and busiest first."},
				}),
				Resolve: a.network,
			},
			"path": {
				Type:        pathType,
				Description: "The shortest chain of actors from one to another linked by events in either direction; null when there is none within maxHops.",
				Args: graphql.FieldConfigArgument{
					"from":    {Type: graphql.NewNonNull(graphql.String), Description: "Exact actor code."},
					"to":      {Type: graphql.NewNonNull(graphql.String), Description: "Exact actor code."},
					"maxHops": {Type: graphql.Int, DefaultValue: 4, Description: "1 to 6."},
				},
				Resolve: a.path,
			},
			"article": {
				Type: articleType, Description: "One article by ID; null if unknown.",
				Args:    graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
				Resolve: a.article,
			},
			"eventTypes": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(eventType))),
				Description: "The CAMEO event codes, optionally those under a prefix.",
				Args:        graphql.FieldConfigArgument{"prefix": {Type: graphql.String}},
				Resolve: func(p graphql.ResolveParams) (interface{}, error) {
					prefix, _ := p.Args["prefix"].(string)
					var out []cameo.EventType
					for _, t := range a.ontology.EventTypes() {
						if strings.HasPrefix(t.Code, prefix) {
							out = append(out, t)
						}
					}
					return out, nil
				},
			},
			"stats": {Type: graphql.NewNonNull(statsType), Description: "What the store holds.", Resolve: a.stats},
		},
	})

	articleInput := graphql.NewInputObject(graphql.InputObjectConfig{
		Name:        "ArticleInput",
		Description: "An article to code. Give text or html.",
		Fields: graphql.InputObjectConfigFieldMap{
			"id":        {Type: graphql.String, Description: "Optional; derived from url, else the text, when absent."},
			"url":       {Type: graphql.String},
			"title":     {Type: graphql.String},
			"outlet":    {Type: graphql.String},
			"published": {Type: graphql.NewNonNull(graphql.String), Description: "RFC 3339 time or YYYY-MM-DD; relative dates in the text resolve against it."},
			"text":      {Type: graphql.String},
			"html":      {Type: graphql.String},
		},
	})
	ingestReport := graphql.NewObject(graphql.ObjectConfig{
		Name: "IngestReport",
		Fields: graphql.Fields{
			"articles":     {Type: graphql.NewNonNull(graphql.Int), Description: "Articles received."},
			"coded":        {Type: graphql.NewNonNull(graphql.Int), Description: "Articles coded."},
			"skipped":      {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))), Description: "\"id: reason\" for each article skipped."},
			"newEvents":    {Type: graphql.NewNonNull(graphql.Int)},
			"mergedEvents": {Type: graphql.NewNonNull(graphql.Int), Description: "Stored events that gained a mention."},
		},
	})
	setResolvers(ingestReport, func(p graphql.ResolveParams) map[string]interface{} {
		r := p.Source.(IngestReport)
		skipped := r.Skipped
		if skipped == nil {
			skipped = []string{}
		}
		return map[string]interface{}{"articles": r.Articles, "coded": r.Coded, "skipped": skipped, "newEvents": r.NewEvents, "mergedEvents": r.MergedEvents}
	})
	mutationType := graphql.NewObject(graphql.ObjectConfig{
		Name: "Mutation",
		Fields: graphql.Fields{
			"ingestArticles": {
				Type:        graphql.NewNonNull(ingestReport),
				Description: "Code and store articles. Needs the server's bearer token (Authorization: Bearer TOKEN); without a token configured, writes are off.",
				Args:        graphql.FieldConfigArgument{"articles": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(articleInput)))}},
				Resolve:     a.ingestArticles,
			},
		},
	})
	return graphql.NewSchema(graphql.SchemaConfig{Query: queryType, Mutation: mutationType})
}

// setResolvers gives every field of t a resolver reading from one map built
// per source object.
func setResolvers(t *graphql.Object, values func(graphql.ResolveParams) map[string]interface{}) {
	for name, f := range t.Fields() {
		name := name
		f.Resolve = func(p graphql.ResolveParams) (interface{}, error) {
			return values(p)[name], nil
		}
	}
}

func sortedRoots(o *cameo.Ontology, roots map[string]int) []map[string]interface{} {
	keys := make([]string, 0, len(roots))
	for k := range roots {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if roots[keys[i]] != roots[keys[j]] {
			return roots[keys[i]] > roots[keys[j]]
		}
		return keys[i] < keys[j]
	})
	out := make([]map[string]interface{}, len(keys))
	for i, k := range keys {
		name := k
		if t, ok := o.Event(k); ok {
			name = t.Name
		}
		out[i] = map[string]interface{}{"root": k, "name": name, "events": roots[k]}
	}
	return out
}
