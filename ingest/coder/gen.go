package coder

//go:generate go run ./internal/gendict -src ../../../shared/data -dst data
