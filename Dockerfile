# Builds the dyad binary; the image carries it and the sample articles.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/dyad ./cmd/dyad

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/dyad /usr/local/bin/dyad
COPY --from=build /src/samples /app/samples
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/dyad"]
CMD ["serve", "--addr", "0.0.0.0:8090"]
