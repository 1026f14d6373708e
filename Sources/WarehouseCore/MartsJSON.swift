/// How the marts' rows become the objects of data·inclusion's API v1: the
/// JSON is built by PostgreSQL, so no row is decoded in Swift: by the API's
/// statements, and once per build for the search results (ServiceDocuments).
public enum MartsJSON {
    /// A structure as `ListedStructure` (and `BaseStructure`). Contacts of a
    /// structure whose e-mail is personal are left out. `doublons` lists the
    /// other members of its duplicate cluster. `extraFields` are more
    /// `'key', value` pairs appended to the object. Without
    /// `withQualityFields`, the object is data·inclusion's bare `Structure`
    /// (no `adresse_certifiee`, no `score_qualite`), as in `doublons`.
    public static func structure(_ alias: String, schema: String, withDoublons: Bool = true, withQualityFields: Bool = true,
                                 extraFields: String? = nil) -> String {
        let doublons = withDoublons ? """
            , 'doublons', coalesce((select json_agg(json_build_object('source', others.source, 'id', others.id) order by others.id)
                                   from \(schema).structures as others
                                   where others.cluster_id = \(alias).cluster_id and others.id <> \(alias).id
                                     and others._is_valid), '[]'::json)
            """ : ""
        let quality = withQualityFields ? ", 'adresse_certifiee', \(certified(alias)), 'score_qualite', \(alias).score_qualite" : ""
        return """
            json_build_object(
                'source', \(alias).source, 'id', \(alias).id, 'nom', \(alias).nom, 'date_maj', \(alias).date_maj,
                'description', \(alias).description, 'lien_source', \(alias).lien_source, 'siret', \(alias).siret,
                'commune', \(alias).commune, 'code_postal', \(alias).code_postal, 'code_insee', \(alias).code_insee,
                'adresse', \(alias).adresse, 'complement_adresse', \(alias).complement_adresse,
                'longitude', \(alias).longitude, 'latitude', \(alias).latitude,
                'telephone', case when \(alias)._has_pii then null else \(alias).telephone end,
                'courriel', case when \(alias)._has_pii then null else \(alias).courriel end,
                'site_web', \(alias).site_web, 'horaires_accueil', \(alias).horaires_accueil,
                'accessibilite_lieu', \(alias).accessibilite_lieu, 'reseaux_porteurs', \(alias).reseaux_porteurs\(quality)\(doublons)\(extraFields.map { ", \($0)" } ?? ""))
            """
    }

    /// A service as `Service`. The contact person, e-mail and phone are
    /// given only where the source marked the contact public, and never a
    /// personal e-mail. `extraFields` as for structures.
    public static func service(_ alias: String, extraFields: String? = nil) -> String {
        let contactIsPublic = "coalesce(\(alias)._is_contact_public, false) and not coalesce(\(alias)._has_pii, false)"
        return """
            json_build_object(
                'source', \(alias).source, 'id', \(alias).id, 'structure_id', \(alias).structure_id, 'nom', \(alias).nom,
                'description', coalesce(\(alias).description, ''), 'lien_source', \(alias).lien_source, 'type', \(alias).type,
                'thematiques', \(alias).thematiques, 'frais', \(alias).frais, 'frais_precisions', \(alias).frais_precisions,
                'publics', \(alias).publics, 'publics_precisions', \(alias).publics_precisions,
                'conditions_acces', \(alias).conditions_acces, 'commune', \(alias).commune, 'code_postal', \(alias).code_postal,
                'code_insee', \(alias).code_insee, 'adresse', \(alias).adresse, 'complement_adresse', \(alias).complement_adresse,
                'longitude', \(alias).longitude, 'latitude', \(alias).latitude,
                'telephone', case when \(contactIsPublic) then \(alias).telephone end,
                'courriel', case when \(contactIsPublic) then \(alias).courriel end,
                'contact_nom_prenom', case when \(contactIsPublic) then \(alias).contact_nom_prenom end,
                'modes_accueil', \(alias).modes_accueil, 'zone_eligibilite', \(alias).zone_eligibilite,
                'lien_mobilisation', \(alias).lien_mobilisation, 'modes_mobilisation', \(alias).modes_mobilisation,
                'mobilisable_par', \(alias).mobilisable_par, 'mobilisation_precisions', \(alias).mobilisation_precisions,
                'volume_horaire_hebdomadaire', \(alias).volume_horaire_hebdomadaire, 'nombre_semaines', \(alias).nombre_semaines,
                'horaires_accueil', \(alias).horaires_accueil, 'date_maj', \(alias).date_maj,
                'adresse_certifiee', \(certified(alias)), 'score_qualite', coalesce(\(alias).score_qualite, 0)\(extraFields.map { ", \($0)" } ?? ""))
            """
    }

    /// A service as `DetailedService`: with its structure (one object
    /// built in place: merging JSONB objects costs more than the build).
    public static func detailedService(_ alias: String, structureAlias: String, schema: String) -> String {
        service(alias, extraFields: "'structure', \(structure(structureAlias, schema: schema, withDoublons: false))")
    }

    /// An address is certified when a geocoder placed it at the address
    /// (not at the commune's point).
    public static func certified(_ alias: String) -> String {
        "coalesce(\(alias)._geocoding_precision = 'address' and \(alias).latitude is not null, false)"
    }
}
