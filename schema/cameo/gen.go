package cameo

//go:generate go run ./internal/gencameo -src ../../../shared/data/cameo -dst data
