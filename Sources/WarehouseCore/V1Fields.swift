/// The fields of the data·inclusion v1 model, in schema order. Exports keep
/// these; the marts' other columns (`_is_valid`, `cluster_id`, …) are internal.
public enum V1Fields {
    public static let structure = [
        "source", "id", "nom", "date_maj", "description", "lien_source", "siret", "commune", "code_postal",
        "code_insee", "adresse", "complement_adresse", "longitude", "latitude", "telephone", "courriel",
        "site_web", "horaires_accueil", "accessibilite_lieu", "reseaux_porteurs",
    ]

    public static let service = [
        "source", "id", "structure_id", "nom", "description", "lien_source", "type", "thematiques", "frais",
        "frais_precisions", "publics", "publics_precisions", "conditions_acces", "commune", "code_postal",
        "code_insee", "adresse", "complement_adresse", "longitude", "latitude", "telephone", "courriel",
        "contact_nom_prenom", "modes_accueil", "zone_eligibilite", "lien_mobilisation", "modes_mobilisation",
        "mobilisable_par", "mobilisation_precisions", "volume_horaire_hebdomadaire", "nombre_semaines",
        "horaires_accueil", "date_maj",
    ]
}
