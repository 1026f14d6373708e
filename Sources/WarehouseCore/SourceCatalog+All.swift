/// Every source the warehouse knows how to load, with its streams as
/// docs/sources/<slug>.md describes them.
public enum SourceCatalog {
    public static let all: [SourceDefinition] = [
        SourceDefinition(slug: "dora", label: "DORA", streams: [
            StreamDefinition(name: "structures", path: "structures.json", format: .jsonArray),
            StreamDefinition(name: "services", path: "services.json", format: .jsonArray),
        ]),
        SourceDefinition(slug: "emplois-de-linclusion", label: "Les emplois de l'inclusion", streams: [
            StreamDefinition(name: "organisations", path: "organisations.json", format: .jsonArray),
            StreamDefinition(name: "siaes", path: "siaes.json", format: .jsonArray),
        ]),
        SourceDefinition(slug: "mediation-numerique", label: "Cartographie nationale des lieux de médiation numérique", streams: [
            StreamDefinition(name: "structures", path: "structures.json", format: .jsonArray),
        ]),
        SourceDefinition(slug: "soliguide", label: "Soliguide", streams: [
            StreamDefinition(name: "lieux", path: "lieux.json", format: .jsonArray, idField: "lieu_id"),
        ], isOpenData: false),
        SourceDefinition(slug: "france-travail", label: "Offre de services de France Travail", streams: [
            StreamDefinition(name: "agences", path: "agences.json", format: .jsonArray, idField: "code"),
            StreamDefinition(name: "services", path: "services.csv", format: .csv(delimiter: ",")),
        ]),
        SourceDefinition(slug: "action-logement", label: "Action Logement", streams: [
            StreamDefinition(name: "structures", path: "structures.csv", format: .csv(delimiter: ",")),
            StreamDefinition(name: "services", path: "services.csv", format: .csv(delimiter: ",")),
        ]),
        SourceDefinition(slug: "agefiph", label: "AGEFIPH", streams: [
            StreamDefinition(name: "structures", path: "structures.json", format: .jsonArray),
            StreamDefinition(name: "services", path: "services.json", format: .jsonArray),
        ], isOpenData: false),
        SourceDefinition(slug: "cd35", label: "Annuaire social d'Ille-et-Vilaine", streams: [
            StreamDefinition(name: "organisations", path: "organisations.json", format: .jsonArray, idField: "ID"),
        ]),
        SourceDefinition(slug: "fredo", label: "Fredo (La Réunion)", streams: [
            StreamDefinition(name: "structures", path: "structures.json", format: .jsonArray),
        ]),
        SourceDefinition(slug: "ma-boussole-aidants", label: "Ma Boussole Aidants", streams: [
            StreamDefinition(name: "structures", path: "structures.json", format: .jsonArray, idField: "idStructure"),
        ]),
        SourceDefinition(slug: "carif-oref", label: "Réseau des Carif-Oref", streams: [
            StreamDefinition(name: "formations", path: "formations.xml", format: .lheoXML, idField: "@numero"),
        ]),
        SourceDefinition(slug: "reseau-alpha", label: "Réseau Alpha", streams: [
            StreamDefinition(name: "structures", path: "cartographie.json", format: .jsonArrayUnderKey("structures")),
            StreamDefinition(name: "pages", path: "structures", format: .htmlPages, idField: "structure_id"),
        ]),
        SourceDefinition(slug: "monenfant", label: "Monenfant.fr (CNAF)", streams: [
            StreamDefinition(name: "creches", path: "creches", format: .jsonArrayPerFile, idField: "structureId"),
        ]),
        SourceDefinition(slug: "mes-aides", label: "Mes Aides France Travail", streams: [
            StreamDefinition(name: "aides", path: "aides.csv", format: .csv(delimiter: ","), idField: "ID"),
            StreamDefinition(name: "garages", path: "garages.csv", format: .csv(delimiter: ","), idField: "ID"),
        ]),
        SourceDefinition(slug: "finess", label: "FINESS (CMP, ESAT, MDPH)", streams: [
            StreamDefinition(name: "etablissements", path: "etablissements.csv", format: .finess, idField: "nofinesset"),
        ]),
    ]

    public static func source(_ slug: String) -> SourceDefinition? {
        all.first { $0.slug == slug }
    }
}
