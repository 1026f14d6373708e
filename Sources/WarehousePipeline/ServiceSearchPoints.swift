/// `service_search_points`: a narrow copy of a build's services holding the
/// columns `/search/services` filters on, with each service's point stored
/// (computing it per row cost more than the rest of the search), ordered so
/// that remote services sit together and the others by geohash (a radius
/// reads a few neighbouring pages, not one page per service). A
/// materialized view, so publishing (which points `marts.*` at the build's
/// tables) leaves it out; it goes with its version's schema.
enum ServiceSearchPoints {
    static let name = "service_search_points"

    /// Remote services are kept wherever they are: the search reads them
    /// through the partial indexes, nearby ones through the spatial index.
    static let isRemote = "coalesce('a-distance' = any(modes_accueil), false)"

    static func statements(schema: String) -> [String] {
        let hasValidPoint = "latitude between -90 and 90 and longitude between -180 and 180"
        return [
            """
            create materialized view if not exists \(schema).\(name) as
            select
                id, structure_id, _is_valid, source, code_departement, code_region, score_qualite,
                thematiques, frais, publics, publics_precisions, modes_accueil, type, zone_eligibilite,
                latitude, longitude,
                \(isRemote) as is_remote,
                case when \(hasValidPoint) then geography(st_setsrid(st_makepoint(longitude, latitude), 4326)) end as point
            from \(schema).services
            order by
                \(isRemote) desc,
                case when \(hasValidPoint) then st_geohash(st_setsrid(st_makepoint(longitude, latitude), 4326), 5) end nulls last,
                id
            """,
            "create index if not exists service_search_points_point on \(schema).\(name) using gist (point)",
            "create index if not exists service_search_points_remote on \(schema).\(name) (id) where is_remote",
            """
            create index if not exists service_search_points_remote_thematiques on \(schema).\(name)
            using gin (thematiques) where is_remote
            """,
            "analyze \(schema).\(name)",
        ]
    }
}
