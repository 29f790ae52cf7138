/** French strings of the desktop integration (tray, launch at login). Merged into fr.ts under `desktop`. */
export const frDesktop = {
  title: 'Fonctionnement en arrière-plan',
  explanation:
    "Relance envoie les relances prévues et affiche ses notifications seulement quand il est ouvert. S'il est fermé, elles attendent sa prochaine ouverture.",
  keepRunningInTray: 'Garder Relance ouvert dans la zone de notification quand la fenêtre est fermée',
  keepRunningInTrayHint:
    "Fermer la fenêtre la masque seulement : l'icône de Relance reste près de l'horloge. Pour quitter vraiment, choisissez « Quitter » dans le menu de cette icône.",
  launchAtLogin: "Lancer Relance à l'ouverture de session",
  launchAtLoginHint: "Relance démarre sans ouvrir sa fenêtre, avec son icône dans la zone de notification.",
  browserOnly:
    "Disponible dans l'application de bureau. Dans le navigateur, les relances et les notifications ne fonctionnent que tant que l'onglet Relance est ouvert.",
  loading: 'Lecture des réglages…',
  saveError: "Le réglage n'a pas pu être enregistré : {{message}}",
};
