package coder

//go:generate go run ./internal/gendict -src ../../../shared/data -dst data
//go:generate go run ./internal/trainpair -dir testdata -out data/pairmodel.txt.gz
