import Foundation

/// The services an organisation of each kind typically offers, with the
/// codes DORA (v1 thématiques, v0 types) and Soliguide (category) give them.
/// Every code here maps to v1 in the seeds, so that the services reach the marts.
enum ServiceCatalog {
    struct Template {
        let name: String
        let description: String
        let thematiques: [String]
        let doraTypes: [String]
        let soliguideCategory: String
        let publics: [String]
    }

    private static func template(_ name: String, _ description: String, _ thematiques: [String], _ types: [String],
                                 _ category: String, publics: [String] = ["tous-publics"]) -> Template {
        Template(name: name, description: description, thematiques: thematiques, doraTypes: types,
                 soliguideCategory: category, publics: publics)
    }

    private static let administrative = template(
        "Aide aux démarches administratives", "Un agent vous aide à constituer vos dossiers et à faire vos démarches en ligne.",
        ["difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives", "numerique--acceder-a-des-services-en-ligne"],
        ["accompagnement"], "administrative_assistance")
    private static let rights = template(
        "Accès aux droits", "Information et accompagnement pour faire valoir vos droits sociaux.",
        ["difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"], ["accompagnement", "information"],
        "social_accompaniment")
    private static let domiciliation = template(
        "Domiciliation", "Une adresse pour recevoir votre courrier lorsque vous n'avez pas de domicile stable.",
        ["difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"], ["accompagnement"], "domiciliation")
    private static let foodAid = template(
        "Aide alimentaire", "Colis alimentaires sur orientation d'un travailleur social.",
        ["equipement-et-alimentation--alimentation"], ["aide-materielle"], "food_packages")
    private static let budget = template(
        "Accompagnement budgétaire", "Un conseiller vous aide à établir un budget et à prévenir le surendettement.",
        ["difficultes-financieres--ameliorer-sa-gestion-budgetaire"], ["accompagnement"], "budget_advice")
    private static let computers = template(
        "Accès libre à un ordinateur", "Des postes informatiques et une connexion internet en accès libre.",
        ["numerique--acceder-a-une-connexion-internet"], ["aide-materielle"], "computers_at_your_disposal")
    private static let digitalWorkshops = template(
        "Ateliers numériques", "Ateliers collectifs pour apprendre à utiliser un ordinateur, un smartphone et internet.",
        ["numerique--maitriser-les-fondamentaux-du-numerique"], ["atelier", "numerique"], "digital_tools_training")
    private static let meals = template(
        "Repas chauds", "Repas servis sur place, sans condition.",
        ["equipement-et-alimentation--alimentation"], ["aide-materielle"], "food_distribution")
    private static let clothing = template(
        "Vestiaire solidaire", "Vêtements à petit prix ou gratuits selon votre situation.",
        ["equipement-et-alimentation--habillement"], ["aide-materielle"], "clothing")
    private static let dayCentre = template(
        "Accueil de jour", "Un lieu pour se poser, prendre un café et rencontrer des bénévoles.",
        ["remobilisation--lien-social"], ["accompagnement"], "day_hosting")
    private static let french = template(
        "Cours de français", "Ateliers de français pour adultes, tous niveaux.",
        ["lecture-ecriture-calcul--maitriser-le-francais"], ["formation"], "french_course")
    private static let youthEmployment = template(
        "Accompagnement vers l'emploi des 16-25 ans", "Un conseiller vous accompagne dans votre projet professionnel.",
        ["preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi"], ["accompagnement"], "job_coaching",
        publics: ["jeunes"])
    private static let youthContract = template(
        "Contrat d'engagement jeune", "Un accompagnement intensif de 15 à 20 heures par semaine avec une allocation.",
        ["choisir-un-metier--identifier-ses-points-forts-et-ses-competences"], ["accompagnement"], "job_coaching", publics: ["jeunes"])
    private static let youthHousing = template(
        "Aide au logement des jeunes", "Information sur les aides au logement et les résidences pour jeunes.",
        ["logement-hebergement--louer-un-logement"], ["information"], "access_to_housing", publics: ["jeunes"])
    private static let insertionJobs = template(
        "Recrutement en parcours d'insertion", "Des contrats de travail accompagnés pour reprendre pied dans l'emploi.",
        ["preparer-sa-candidature--valoriser-ses-competences"], ["accompagnement"], "integration_through_economic_activity",
        publics: ["demandeurs-emploi"])
    private static let shelter = template(
        "Hébergement d'insertion", "Hébergement temporaire et accompagnement social vers le logement.",
        ["logement-hebergement--rechercher-une-solution-dhebergement-temporaire"], ["aide-materielle"], "emergency_accommodation",
        publics: ["personnes-en-situation-durgence"])
    private static let mentalHealth = template(
        "Consultations psychologiques", "Consultations avec un psychiatre, un psychologue ou un infirmier, sans avance de frais.",
        ["sante--sante-mentale"], ["accompagnement"], "psychological_support")
    private static let shelteredWork = template(
        "Travail en milieu protégé", "Une activité professionnelle adaptée avec un soutien médico-social.",
        ["trouver-un-emploi--maintien-dans-lemploi"], ["accompagnement"], "integration_through_economic_activity",
        publics: ["personnes-en-situation-de-handicap"])
    private static let disability = template(
        "Constitution du dossier MDPH", "Aide pour remplir la demande de droits et de prestations liées au handicap.",
        ["sante--constituer-un-dossier-mdph-invalidite"], ["accompagnement"], "disability_advice",
        publics: ["personnes-en-situation-de-handicap"])
    private static let solidarityShop = template(
        "Boutique solidaire", "Vêtements, meubles et électroménager de seconde main à petits prix.",
        ["equipement-et-alimentation--habillement", "equipement-et-alimentation--electromenager"], ["aide-materielle"], "solidarity_store")
    private static let socialGrocery = template(
        "Épicerie sociale", "Des produits alimentaires et d'hygiène à prix réduit, sur orientation.",
        ["equipement-et-alimentation--alimentation"], ["aide-materielle"], "social_grocery_stores")

    static func templates(for kind: OrganisationKind) -> [Template] {
        switch kind {
        case .mairie: return [administrative, rights]
        case .ccas, .cias: return [domiciliation, foodAid, budget, rights]
        case .franceServices: return [administrative, computers]
        case .mediatheque: return [digitalWorkshops, computers]
        case .epicerieSociale: return [socialGrocery, budget]
        case .missionLocale, .missionLocaleAntenne: return [youthEmployment, youthContract, youthHousing]
        case .restosDuCoeur: return [foodAid, meals, rights]
        case .secoursPopulaire: return [foodAid, clothing, dayCentre]
        case .croixRouge: return [clothing, dayCentre, foodAid]
        case .secoursCatholique: return [dayCentre, french, rights]
        case .emmaus: return [solidarityShop, dayCentre]
        case .centreSocial: return [digitalWorkshops, french, rights]
        case .accueilDeJour: return [dayCentre, meals, domiciliation]
        case .associationSolidarite: return [foodAid, clothing, rights]
        case .siae: return [insertionJobs]
        case .chrs: return [shelter, rights]
        case .cmp: return [mentalHealth]
        case .esat: return [shelteredWork]
        case .mdph: return [disability, rights]
        case .finessOutOfScope: return []
        }
    }

    /// One sentence saying what the organisation does, for descriptions.
    static func summary(for kind: OrganisationKind) -> String {
        switch kind {
        case .mairie: return "Accueil des habitants, état civil, aide aux démarches et orientation vers les services sociaux."
        case .ccas, .cias: return "Le centre d'action sociale accueille, informe et accompagne les habitants en difficulté."
        case .franceServices: return "Un guichet unique pour vos démarches auprès de la CAF, de France Travail, de l'Assurance maladie et des impôts."
        case .mediatheque: return "Prêt de livres, accès à internet et ateliers numériques pour tous."
        case .epicerieSociale: return "Épicerie solidaire ouverte aux personnes orientées par un travailleur social."
        case .missionLocale, .missionLocaleAntenne: return "Accompagnement des jeunes de 16 à 25 ans vers l'emploi, la formation et l'autonomie."
        case .restosDuCoeur: return "Aide alimentaire, accompagnement et aide à l'insertion des personnes démunies."
        case .secoursPopulaire: return "Aide alimentaire, vestimentaire et accès aux droits, par des bénévoles."
        case .croixRouge: return "Unité locale de la Croix-Rouge : aide alimentaire, vestiboutique, accueil de jour."
        case .secoursCatholique: return "Accueil, écoute et accompagnement des personnes en précarité."
        case .emmaus: return "Communauté Emmaüs : accueil, hébergement et travail solidaire autour du réemploi."
        case .centreSocial: return "Centre social : accueil, activités pour les familles, ateliers et accompagnement des habitants du quartier."
        case .accueilDeJour: return "Accueil de jour pour les personnes sans domicile : repos, café, douches, orientation."
        case .associationSolidarite: return "Association locale de solidarité : aide alimentaire, vestiaire et écoute."
        case .siae: return "Structure d'insertion par l'activité économique : des contrats de travail accompagnés."
        case .chrs: return "Hébergement et accompagnement social de personnes en grande difficulté."
        case .cmp: return "Consultations de santé mentale de proximité, sans avance de frais."
        case .esat: return "Travail protégé pour des personnes en situation de handicap."
        case .mdph: return "Accueil, information et instruction des demandes liées au handicap."
        case .finessOutOfScope: return "Établissement médico-social."
        }
    }
}
