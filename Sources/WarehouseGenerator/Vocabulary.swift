import Foundation

/// Word lists for what the referentials do not give: streets of the
/// organisations that are not at the town hall, and the proper names of
/// associations and establishments. Chosen among the most frequent in France
/// (street names of the BAN, usual names of associations and facilities).
enum Vocabulary {
    /// Street type and name, with a relative frequency.
    static let streets: [(String, Double)] = [
        ("rue de la Gare", 6), ("rue de l'Église", 6), ("place de la Mairie", 4), ("Grande Rue", 4),
        ("rue Victor Hugo", 5), ("avenue Jean Jaurès", 4), ("rue Pasteur", 4), ("rue du Moulin", 4),
        ("place de l'Église", 4), ("rue des Écoles", 4), ("rue Jean Moulin", 3), ("boulevard Gambetta", 2),
        ("rue du Général de Gaulle", 3), ("avenue de la République", 3), ("rue de la République", 3),
        ("chemin des Écoliers", 1), ("allée des Tilleuls", 1), ("impasse des Lilas", 1), ("rue Saint-Martin", 2),
        ("place Saint-Pierre", 1), ("rue du Château", 3), ("rue de la Paix", 2), ("rue des Jardins", 2),
        ("rue du Stade", 2), ("rue de Verdun", 2), ("avenue du Maréchal Foch", 2), ("rue Émile Zola", 2),
        ("rue Anatole France", 2), ("boulevard Victor Hugo", 1), ("rue Jules Ferry", 3), ("rue de la Libération", 2),
        ("place du Marché", 2), ("rue du 8 Mai 1945", 2), ("rue du 11 Novembre", 2), ("avenue de la Gare", 2),
        ("route de la Forêt", 1), ("chemin du Moulin", 1), ("rue des Acacias", 1), ("rue de la Fontaine", 2),
        ("rue des Peupliers", 1), ("avenue Charles de Gaulle", 2), ("rue Louis Pasteur", 1), ("rue Gambetta", 2),
        ("quai de la République", 1), ("rue du Docteur Schweitzer", 1), ("rue Saint-Jacques", 1),
        ("faubourg Saint-Antoine", 0.3), ("rue de la Mairie", 3), ("place du Général Leclerc", 1),
        ("rue Henri Barbusse", 1), ("rue Marcel Pagnol", 1), ("allée des Marronniers", 1), ("rue de l'Industrie", 1),
        ("avenue de Verdun", 1), ("rue Voltaire", 1), ("rue Paul Bert", 1), ("rue Carnot", 2),
        ("boulevard de la Liberté", 1), ("route Nationale", 1), ("rue des Prés", 1), ("impasse du Stade", 0.5),
    ]

    /// Complements some registers add to the street line.
    static let complements = [
        "Bâtiment B", "2e étage", "1er étage", "Rez-de-chaussée", "Espace Simone Veil", "Maison des solidarités",
        "Centre social", "Porte 2", "Bureau 4", "Résidence Les Pins", "Entrée C", "Pôle social",
    ]

    /// Names that médiathèques, CHRS and associations are commonly given.
    static let personNames = [
        "Jacques Prévert", "Louis Aragon", "Victor Hugo", "Jules Verne", "Albert Camus", "Simone de Beauvoir",
        "Marguerite Yourcenar", "Jean de La Fontaine", "George Sand", "Antoine de Saint-Exupéry",
        "Colette", "Émile Zola", "Marcel Pagnol", "Paul Éluard", "Aimé Césaire", "François Mitterrand",
        "Romain Rolland", "Boris Vian", "Elsa Triolet", "Louise Michel",
    ]

    static let associationWords = [
        "La Passerelle", "L'Escale", "Le Relais", "Horizon", "Tremplin", "Le Phare", "L'Abri", "Rebond",
        "L'Étape", "Les Glycines", "Le Fil d'Ariane", "Solidarité", "Entraide", "L'Éclaircie", "Le Pont",
        "Trait d'Union", "L'Olivier", "Les Compagnons", "Cap Avenir", "Le Sillon", "Renouveau", "Arc-en-Ciel",
        "La Boussole", "L'Envol", "Le Lien", "Les Ateliers du Bocage", "Les Jardins du Cœur", "Ressources",
        "Accueil et Partage", "Main Tendue", "La Clé", "Le Grain de Sel", "Les Restos de l'Amitié", "Partage",
        "La Ruche", "Le Colibri", "Les Petits Frères", "La Source", "Le Trait d'Union", "Le Tremplin",
        "L'Îlot", "Espoir", "Fraternité", "La Halte", "Le Rocher", "L'Oasis", "La Chaîne", "Le Goéland",
        "Amitié", "Horizons Solidaires", "Le Cap", "La Main Verte", "Le Toit", "Les Amis du Partage",
    ]

    /// What tells apart two associations of a city: a quarter or a patron.
    static let quarters = [
        "Centre", "Nord", "Sud", "Est", "Ouest", "Gare", "Saint-Michel", "Saint-Jean", "Saint-Pierre", "Les Prés",
        "Bellevue", "Beaulieu", "Les Tilleuls", "Le Bourg", "La Source", "Les Coteaux", "Champ-Fleuri", "Le Moulin",
        "Les Jardins", "Montplaisir", "La Croix-Rouge", "Les Pins", "Le Parc", "Le Château", "Les Vignes",
        "La Plaine", "Le Port", "Les Chênes", "Vieille Ville", "Les Hauts",
    ]

    /// SIAE names by convention: how insertion employers call themselves.
    static let siaePatterns: [String: [String]] = [
        "ACI": ["Chantier d'insertion {w}", "Jardins de {c}", "Atelier {w}", "Recyclerie de {c}", "{w} - chantier d'insertion"],
        "EI": ["Envie {c}", "{w} Services", "Régie de quartier de {c}", "Ressourcerie {w}", "{w} Environnement"],
        "AI": ["{w} Emploi", "Association intermédiaire {w}", "AI {w}", "{w} Services à domicile"],
        "ETTI": ["{w} Intérim insertion", "ETTI {w}", "Intérim solidaire {c}"],
        "GEIQ": ["GEIQ BTP {d}", "GEIQ {w}", "GEIQ Propreté {d}"],
        "EA": ["Entreprise adaptée {w}", "EA {w}", "{w} Handi-services"],
    ]

    static let siaeActivities: [(String, Double)] = [("ACI", 4), ("EI", 2.5), ("AI", 2), ("ETTI", 1), ("GEIQ", 0.5), ("EA", 0.8)]

    static let epicerieNames = ["La Passerelle", "Le Panier solidaire", "Épi'sol", "L'Escale", "Le Coup de pouce", "La Courte Échelle"]
}
