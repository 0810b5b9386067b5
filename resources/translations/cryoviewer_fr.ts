<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>AdminScreen</name>
        <message>
            <source>Kiosk status</source>
            <translation>État de la borne</translation>
        </message>
        <message>
            <source>Back to the kiosk</source>
            <translation>Retour à la borne</translation>
        </message>
        <message>
            <source>Reload content and settings</source>
            <translation>Recharger le contenu et les réglages</translation>
        </message>
        <message>
            <source>Quit CryoViewer</source>
            <translation>Quitter CryoViewer</translation>
        </message>
        <message>
            <source>CryoViewer kiosk: administration</source>
            <translation>Borne CryoViewer : administration</translation>
        </message>
    </context>
    <context>
        <name>AttractScreen</name>
        <message>
            <source>Touch the screen to learn about cryosurgery</source>
            <translation>Touchez l’écran pour découvrir la cryochirurgie</translation>
        </message>
        <message>
            <source>Tap anywhere to start</source>
            <translation>Touchez n’importe où pour commencer</translation>
        </message>
    </context>
    <context>
        <name>CrossSection</name>
        <message>
            <source>Diagram of the treatment</source>
            <translation>Schéma du traitement</translation>
        </message>
        <message>
            <source>Tumour</source>
            <translation>Tumeur</translation>
        </message>
        <message>
            <source>Healing tissue</source>
            <translation>Tissu en cicatrisation</translation>
        </message>
        <message>
            <source>Ice ball</source>
            <translation>Boule de glace</translation>
        </message>
        <message>
            <source>Cold enough to destroy cells</source>
            <translation>Assez froid pour détruire les cellules</translation>
        </message>
    </context>
    <context>
        <name>Describe</name>
        <message>
            <source>Before the treatment: the probe is not in the body yet.</source>
            <translation>Avant le traitement : la cryosonde n’est pas encore dans le corps.</translation>
        </message>
        <message>
            <source>Before the treatment: the {count} probes are not in the body yet.</source>
            <translation>Avant le traitement : les {count} cryosondes ne sont pas encore dans le corps.</translation>
        </message>
        <message>
            <source>Before the treatment: the spray is not on yet.</source>
            <translation>Avant le traitement : la pulvérisation n’a pas encore commencé.</translation>
        </message>
        <message>
            <source>Before the treatment: the probe is not on the skin yet.</source>
            <translation>Avant le traitement : la sonde n’est pas encore posée sur la peau.</translation>
        </message>
        <message>
            <source>The probe goes in through a small cut, guided by ultrasound.</source>
            <translation>La cryosonde est introduite par une petite incision, guidée par l’échographie.</translation>
        </message>
        <message>
            <source>The probes go in one at a time ({done} of {count} so far).</source>
            <translation>Les cryosondes sont introduites une à une ({done} sur {count} pour l’instant).</translation>
        </message>
        <message>
            <source>The probe is in the tumour.</source>
            <translation>La cryosonde est dans la tumeur.</translation>
        </message>
        <message>
            <source>The {count} probes are in the tumour.</source>
            <translation>Les {count} cryosondes sont dans la tumeur.</translation>
        </message>
        <message>
            <source>The probe is in the tumour. Cold gas cools its tip to {cold}.</source>
            <translation>La cryosonde est dans la tumeur. Un gaz froid abaisse la température de sa pointe à {cold}.</translation>
        </message>
        <message>
            <source>The {count} probes are in the tumour. Cold gas cools them to {cold}.</source>
            <translation>Les {count} cryosondes sont dans la tumeur. Un gaz froid abaisse leur température à {cold}.</translation>
        </message>
        <message>
            <source>The spray, at {cold}, freezes the skin.</source>
            <translation>La pulvérisation, à {cold}, congèle la peau.</translation>
        </message>
        <message>
            <source>A probe at {cold} is pressed on the skin and freezes it.</source>
            <translation>Une sonde à {cold} est appliquée sur la peau et la congèle.</translation>
        </message>
        <message>
            <source>The gas is off. The ice thaws slowly by itself.</source>
            <translation>Le gaz est coupé. Les tissus gelés se réchauffent lentement, d’eux-mêmes.</translation>
        </message>
        <message>
            <source>The probe is warmed, so that it comes free of the ice.</source>
            <translation>La cryosonde est réchauffée pour qu’elle se détache de la glace.</translation>
        </message>
        <message>
            <source>The probes are warmed, so that they come free of the ice.</source>
            <translation>Les cryosondes sont réchauffées pour qu’elles se détachent de la glace.</translation>
        </message>
        <message>
            <source>The spray has stopped. The skin thaws by itself.</source>
            <translation>La pulvérisation est arrêtée. La peau se décongèle d’elle-même.</translation>
        </message>
        <message>
            <source>The probe is lifted off. The skin thaws by itself.</source>
            <translation>La sonde est retirée. La peau se décongèle d’elle-même.</translation>
        </message>
        <message>
            <source>The probe is taken out.</source>
            <translation>La cryosonde est retirée.</translation>
        </message>
        <message>
            <source>The {count} probes are taken out.</source>
            <translation>Les {count} cryosondes sont retirées.</translation>
        </message>
        <message>
            <source>Healing: the frozen tissue is replaced by new tissue over the next weeks.</source>
            <translation>Cicatrisation : le tissu congelé est remplacé par du tissu neuf dans les semaines qui suivent.</translation>
        </message>
        <message>
            <source>Healing: the frozen skin heals over the next few weeks.</source>
            <translation>Cicatrisation : la peau congelée cicatrise dans les quelques semaines qui suivent.</translation>
        </message>
        <message>
            <source>No ice yet.</source>
            <translation>Pas encore de glace.</translation>
        </message>
        <message>
            <source>The ice has melted.</source>
            <translation>La glace a fondu.</translation>
        </message>
        <message>
            <source>The ice ball is {across} across and {length} long.</source>
            <translation>La boule de glace mesure {across} de large et {length} de long.</translation>
        </message>
        <message>
            <source>The ice balls have joined into one, {across} across.</source>
            <translation>Les boules de glace n’en forment plus qu’une, qui mesure {across} de large.</translation>
        </message>
        <message>
            <source>Some of the ice balls have joined. Together they reach {across} across.</source>
            <translation>Certaines boules de glace se sont rejointes. Ensemble, elles mesurent {across} de large.</translation>
        </message>
        <message>
            <source>Each probe has its own ice ball. Together they reach {across} across.</source>
            <translation>Chaque cryosonde a sa propre boule de glace. Ensemble, elles mesurent {across} de large.</translation>
        </message>
        <message>
            <source>The frozen spot is {across} wide at the surface and {depth} deep.</source>
            <translation>La zone congelée mesure {across} de large en surface et {depth} de profondeur.</translation>
        </message>
        <message>
            <source>The ice is melting: it is {across} across.</source>
            <translation>La boule de glace fond : elle mesure {across} de large.</translation>
        </message>
        <message>
            <source>The ice is melting: the frozen spot is {across} wide and {depth} deep.</source>
            <translation>La glace fond : la zone congelée mesure {across} de large et {depth} de profondeur.</translation>
        </message>
        <message>
            <source>It covers the whole tumour.</source>
            <translation>La glace couvre toute la tumeur.</translation>
        </message>
        <message>
            <source>It covers {percent} of the tumour.</source>
            <translation>La glace couvre {percent} de la tumeur.</translation>
        </message>
        <message>
            <source>It does not reach the tumour yet.</source>
            <translation>La glace n’atteint pas encore la tumeur.</translation>
        </message>
        <message>
            <source>All of the tumour is cold enough to destroy cells ({lethal} or colder).</source>
            <translation>Toute la tumeur est assez froide pour détruire les cellules ({lethal} ou moins).</translation>
        </message>
        <message>
            <source>The part cold enough to destroy cells ({lethal} or colder) covers {percent} of the tumour.</source>
            <translation>La partie assez froide pour détruire les cellules ({lethal} ou moins) couvre {percent} de la tumeur.</translation>
        </message>
        <message>
            <source>No part of the tumour is cold enough yet to destroy cells ({lethal}).</source>
            <translation>Aucune partie de la tumeur n’est encore assez froide pour détruire les cellules ({lethal}).</translation>
        </message>
        <message>
            <source>So far, all of the tumour has been cold enough to destroy its cells.</source>
            <translation>Jusqu’ici, toute la tumeur a atteint un froid suffisant pour détruire ses cellules.</translation>
        </message>
        <message>
            <source>So far, {percent} of the tumour has been cold enough to destroy its cells.</source>
            <translation>Jusqu’ici, {percent} de la tumeur a atteint un froid suffisant pour détruire ses cellules.</translation>
        </message>
        <message>
            <source>Temperature at the tumour's edge: {now} now; it was {before} before the treatment.</source>
            <translation>Température au bord de la tumeur : {now} en ce moment ; elle était de {before} avant le traitement.</translation>
        </message>
        <message>
            <source>Temperature at the tumour's edge: {now} now.</source>
            <translation>Température au bord de la tumeur : {now} en ce moment.</translation>
        </message>
        <message>
            <source>At the tumour's centre: {now}.</source>
            <translation>Au centre de la tumeur : {now}.</translation>
        </message>
        <message>
            <source>The line is flat: the freezing has not started yet.</source>
            <translation>La courbe est plate : la congélation n’a pas encore commencé.</translation>
        </message>
        <message>
            <source>The lowest at the edge so far is {lowest}, colder than the {lethal} needed to destroy cells.</source>
            <translation>Au bord, la température la plus basse atteinte jusqu’ici est de {lowest}, plus basse que les {lethal} nécessaires pour détruire les cellules.</translation>
        </message>
        <message>
            <source>The lowest at the edge so far is {lowest}; cells are destroyed at {lethal} or colder.</source>
            <translation>Au bord, la température la plus basse atteinte jusqu’ici est de {lowest} ; les cellules sont détruites à {lethal} ou moins.</translation>
        </message>
        <message>
            <source>One freeze so far shows as one dip.</source>
            <translation>Jusqu’ici, la courbe montre une congélation, sous la forme d’un creux.</translation>
        </message>
        <message>
            <source>{count} freezes so far show as {count} dips.</source>
            <translation>Jusqu’ici, la courbe montre {count} congélations, sous la forme de {count} creux.</translation>
        </message>
        <message>
            <source>{count} freezes, each followed by a thaw, show as {count} dips.</source>
            <translation>La courbe montre {count} congélations, chacune suivie d’une décongélation, sous la forme de {count} creux.</translation>
        </message>
        <message>
            <source>One freeze, followed by a thaw, shows as one dip.</source>
            <translation>La courbe montre une congélation, suivie d’une décongélation, sous la forme d’un creux.</translation>
        </message>
        <message>
            <source>The temperatures are still being worked out.</source>
            <translation>Les températures sont encore en cours de calcul.</translation>
        </message>
        <message>
            <source>The next moments are still being worked out.</source>
            <translation>Les instants suivants sont encore en cours de calcul.</translation>
        </message>
        <message>
            <source>The picture is still being worked out.</source>
            <translation>Le schéma est encore en cours de calcul.</translation>
        </message>
        <message>
            <source>{value} °C</source>
            <translation>{value} °C</translation>
        </message>
        <message>
            <source>{value} %</source>
            <translation>{value} %</translation>
        </message>
        <message>
            <source>{value} cm</source>
            <translation>{value} cm</translation>
        </message>
        <message>
            <source>{value} mm</source>
            <translation>{value} mm</translation>
        </message>
        <message>
            <source>less than 1 mm</source>
            <translation>moins de 1 mm</translation>
        </message>
        <message>
            <source>.</source>
            <translation>,</translation>
        </message>
        <message>
            <source>none</source>
            <translation>aucune</translation>
        </message>
        <message>
            <source>one</source>
            <translation>une</translation>
        </message>
        <message>
            <source>two</source>
            <translation>deux</translation>
        </message>
        <message>
            <source>three</source>
            <translation>trois</translation>
        </message>
        <message>
            <source>four</source>
            <translation>quatre</translation>
        </message>
        <message>
            <source>five</source>
            <translation>cinq</translation>
        </message>
        <message>
            <source>six</source>
            <translation>six</translation>
        </message>
        <message>
            <source>seven</source>
            <translation>sept</translation>
        </message>
        <message>
            <source>eight</source>
            <translation>huit</translation>
        </message>
    </context>
    <context>
        <name>Diagram</name>
        <message>
            <source>Prepare</source>
            <translation>Préparation</translation>
        </message>
        <message>
            <source>Insert probe</source>
            <translation>Insertion de la cryosonde</translation>
        </message>
        <message>
            <source>Freeze {0}</source>
            <translation>Congélation {0}</translation>
        </message>
        <message>
            <source>Thaw {0}</source>
            <translation>Décongélation {0}</translation>
        </message>
        <message>
            <source>Remove probe</source>
            <translation>Retrait de la cryosonde</translation>
        </message>
        <message>
            <source>Healing</source>
            <translation>Cicatrisation</translation>
        </message>
        <message>
            <source>Prep</source>
            <translation>Prép.</translation>
        </message>
        <message>
            <source>Insert</source>
            <translation>Insertion</translation>
        </message>
        <message>
            <source>F{0}</source>
            <translation>C{0}</translation>
        </message>
        <message>
            <source>T{0}</source>
            <translation>D{0}</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retrait</translation>
        </message>
        <message>
            <source>Heal</source>
            <translation>Cicatr.</translation>
        </message>
        <message>
            <source>{0} — {1} of {2}</source>
            <translation>{0} — {1} sur {2}</translation>
        </message>
        <message>
            <source>{0} — over the next weeks (shortened here)</source>
            <translation>{0} — dans les semaines qui suivent (ici en accéléré)</translation>
        </message>
        <message>
            <source>{0}, {1} of {2}</source>
            <translation>{0}, {1} sur {2}</translation>
        </message>
        <message>
            <source>{0}, over the next weeks</source>
            <translation>{0}, dans les semaines qui suivent</translation>
        </message>
        <message>
            <source>1 second</source>
            <translation>1 seconde</translation>
        </message>
        <message>
            <source>{0} seconds</source>
            <translation>{0} secondes</translation>
        </message>
        <message>
            <source>1 minute</source>
            <translation>1 minute</translation>
        </message>
        <message>
            <source>{0} minutes</source>
            <translation>{0} minutes</translation>
        </message>
        <message>
            <source>{0} {1}</source>
            <translation>{0} {1}</translation>
        </message>
    </context>
    <context>
        <name>DiagramPanel</name>
        <message>
            <source>Cross-section</source>
            <translation>Coupe</translation>
        </message>
        <message>
            <source>Temperature chart</source>
            <translation>Courbe des températures</translation>
        </message>
        <message>
            <source>Ultrasound</source>
            <translation>Échographie</translation>
        </message>
        <message>
            <source>Show the cross-section</source>
            <translation>Afficher la vue en coupe</translation>
        </message>
        <message>
            <source>Show this treatment: {0}</source>
            <translation>Afficher ce traitement : {0}</translation>
        </message>
        <message>
            <source>Preparing the animation… {0} %</source>
            <translation>Préparation de l’animation… {0} %</translation>
        </message>
        <message>
            <source>This animation cannot be shown. Please ask a member of staff.</source>
            <translation>Cette animation ne peut pas être affichée. Veuillez vous adresser à un membre du personnel.</translation>
        </message>
    </context>
    <context>
        <name>Framing</name>
        <message>
            <source>1 cm</source>
            <translation>1 cm</translation>
        </message>
        <message>
            <source>Skin</source>
            <translation>Peau</translation>
        </message>
        <message>
            <source>Liver</source>
            <translation>Foie</translation>
        </message>
        <message>
            <source>Ultrasound</source>
            <translation>Échographie</translation>
        </message>
        <message>
            <source>A slice across the probes</source>
            <translation>Coupe en travers des cryosondes</translation>
        </message>
        <message>
            <source>5 mm</source>
            <translation>5 mm</translation>
        </message>
        <message>
            <source>Skin surface</source>
            <translation>Surface de la peau</translation>
        </message>
        <message>
            <source>Fat</source>
            <translation>Graisse</translation>
        </message>
        <message>
            <source>Muscle</source>
            <translation>Muscle</translation>
        </message>
    </context>
    <context>
        <name>HelpOverlay</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Close the list of keyboard shortcuts</source>
            <translation>Fermer la liste des raccourcis clavier</translation>
        </message>
    </context>
    <context>
        <name>Key</name>
        <message>
            <source>Key</source>
            <translation>Légende</translation>
        </message>
        <message>
            <source>colours from {0} to {1}</source>
            <translation>couleurs de {0} à {1}</translation>
        </message>
    </context>
    <context>
        <name>Keyboard</name>
        <message>
            <source>The diagram</source>
            <translation>Le schéma</translation>
        </message>
        <message>
            <source>Space  or  Alt+K</source>
            <translation>Espace  ou  Alt+K</translation>
        </message>
        <message>
            <source>Play or pause the animation</source>
            <translation>Lancer ou mettre en pause l’animation</translation>
        </message>
        <message>
            <source>Alt+R</source>
            <translation>Alt+R</translation>
        </message>
        <message>
            <source>Reset the animation to its start</source>
            <translation>Remettre l’animation au début</translation>
        </message>
        <message>
            <source>← → ↑ ↓ on the timeline</source>
            <translation>← → ↑ ↓ sur la frise</translation>
        </message>
        <message>
            <source>Move the animation a little</source>
            <translation>Avancer ou reculer un peu l’animation</translation>
        </message>
        <message>
            <source>Page Up  /  Page Down on the timeline</source>
            <translation>Page préc.  /  Page suiv. sur la frise</translation>
        </message>
        <message>
            <source>Go to the previous or next step</source>
            <translation>Aller à l’étape précédente ou suivante</translation>
        </message>
        <message>
            <source>Home  /  End on the timeline</source>
            <translation>Début  /  Fin sur la frise</translation>
        </message>
        <message>
            <source>Go to the start or the end</source>
            <translation>Aller au début ou à la fin</translation>
        </message>
        <message>
            <source>Reading</source>
            <translation>Lecture du texte</translation>
        </message>
        <message>
            <source>→  or  ↓ in the list or the text</source>
            <translation>→  ou  ↓ dans la liste ou le texte</translation>
        </message>
        <message>
            <source>Next section</source>
            <translation>Section suivante</translation>
        </message>
        <message>
            <source>←  or  ↑ in the list or the text</source>
            <translation>←  ou  ↑ dans la liste ou le texte</translation>
        </message>
        <message>
            <source>Previous section</source>
            <translation>Section précédente</translation>
        </message>
        <message>
            <source>Page Down  /  Page Up</source>
            <translation>Page suiv.  /  Page préc.</translation>
        </message>
        <message>
            <source>Read down or up; then turn the page</source>
            <translation>Descendre ou remonter dans le texte, puis tourner la page</translation>
        </message>
        <message>
            <source>Home  /  End</source>
            <translation>Début  /  Fin</translation>
        </message>
        <message>
            <source>First or last section</source>
            <translation>Première ou dernière section</translation>
        </message>
        <message>
            <source>1 – 9</source>
            <translation>1 – 9</translation>
        </message>
        <message>
            <source>Open that section</source>
            <translation>Ouvrir la section de ce numéro</translation>
        </message>
        <message>
            <source>Ctrl and +  /  Ctrl and −</source>
            <translation>Ctrl et +  /  Ctrl et −</translation>
        </message>
        <message>
            <source>Larger or smaller text</source>
            <translation>Agrandir ou réduire le texte</translation>
        </message>
        <message>
            <source>Ctrl and 0</source>
            <translation>Ctrl et 0</translation>
        </message>
        <message>
            <source>Text back to its usual size</source>
            <translation>Remettre le texte à sa taille habituelle</translation>
        </message>
        <message>
            <source>Tab to a link, then Enter</source>
            <translation>Tab jusqu’à un lien, puis Entrée</translation>
        </message>
        <message>
            <source>Follow a link in the text</source>
            <translation>Ouvrir un lien du texte</translation>
        </message>
        <message>
            <source>Basic actions</source>
            <translation>Commandes de base</translation>
        </message>
        <message>
            <source>Tab  /  Shift+Tab</source>
            <translation>Tab  /  Maj+Tab</translation>
        </message>
        <message>
            <source>Move to the next or previous control</source>
            <translation>Passer à l’élément suivant ou précédent</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Entrée</translation>
        </message>
        <message>
            <source>Press the control that has the focus ring</source>
            <translation>Activer l’élément entouré du cadre de sélection</translation>
        </message>
        <message>
            <source>F1  or  ?</source>
            <translation>F1  ou  ?</translation>
        </message>
        <message>
            <source>Show this list</source>
            <translation>Afficher cette liste</translation>
        </message>
        <message>
            <source>Escape</source>
            <translation>Échap</translation>
        </message>
        <message>
            <source>Close this list, or the list of sections</source>
            <translation>Fermer cette liste, ou la liste des sections</translation>
        </message>
    </context>
    <context>
        <name>KioskShell</name>
        <message>
            <source>No staff PIN is set in the kiosk configuration, so this screen cannot be opened. Ask the administrator.</source>
            <translation>Aucun code PIN du personnel n’est défini dans la configuration de la borne : cet écran ne peut donc pas être ouvert. Adressez-vous à l’administrateur.</translation>
        </message>
        <message>
            <source>Too many wrong PINs. Try again in 1 second.</source>
            <translation>Trop de codes PIN erronés. Réessayez dans 1 seconde.</translation>
        </message>
        <message>
            <source>Too many wrong PINs. Try again in {0} seconds.</source>
            <translation>Trop de codes PIN erronés. Réessayez dans {0} secondes.</translation>
        </message>
        <message>
            <source>That PIN is not right.</source>
            <translation>Ce code PIN n’est pas correct.</translation>
        </message>
        <message>
            <source>CryoViewer {0}</source>
            <translation>CryoViewer {0}</translation>
        </message>
        <message>
            <source>Running for {0} h {1:02d} min</source>
            <translation>En marche depuis {0} h {1:02d} min</translation>
        </message>
        <message>
            <source>Content: {0} ({1} sections, language {2}), from {3}</source>
            <translation>Contenu : {0} ({1} sections, langue {2}), chargé depuis {3}</translation>
        </message>
        <message>
            <source>Configuration: {0}</source>
            <translation>Configuration : {0}</translation>
        </message>
        <message>
            <source>none (the defaults)</source>
            <translation>aucune (valeurs par défaut)</translation>
        </message>
        <message>
            <source>Configuration problems:</source>
            <translation>Problèmes de configuration :</translation>
        </message>
        <message>
            <source>none</source>
            <translation>aucun</translation>
        </message>
        <message>
            <source>Recent warnings and errors:</source>
            <translation>Avertissements et erreurs récents :</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>◀  Previous</source>
            <translation>◀  Précédent</translation>
        </message>
        <message>
            <source>Next  ▶</source>
            <translation>Suivant  ▶</translation>
        </message>
        <message>
            <source>Previous section</source>
            <translation>Section précédente</translation>
        </message>
        <message>
            <source>Next section</source>
            <translation>Section suivante</translation>
        </message>
        <message>
            <source>Check what you learned</source>
            <translation>Vérifier ce que vous avez compris</translation>
        </message>
        <message>
            <source>A few questions about this section, to check what you understood</source>
            <translation>Quelques questions sur cette partie, pour vérifier ce que vous avez compris</translation>
        </message>
        <message>
            <source>☰  Sections</source>
            <translation>☰  Sections</translation>
        </message>
        <message>
            <source>Show the list of sections</source>
            <translation>Afficher la liste des sections</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Texte</translation>
        </message>
        <message>
            <source>Diagram</source>
            <translation>Schéma</translation>
        </message>
        <message>
            <source>Show the text</source>
            <translation>Afficher le texte</translation>
        </message>
        <message>
            <source>Show the diagram</source>
            <translation>Afficher le schéma</translation>
        </message>
        <message>
            <source>A−</source>
            <translation>A−</translation>
        </message>
        <message>
            <source>A+</source>
            <translation>A+</translation>
        </message>
        <message>
            <source>Smaller text</source>
            <translation>Texte plus petit</translation>
        </message>
        <message>
            <source>Larger text</source>
            <translation>Texte plus grand</translation>
        </message>
        <message>
            <source>?</source>
            <translation>?</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>Keyboard shortcuts (F1)</source>
            <translation>Raccourcis clavier (F1)</translation>
        </message>
        <message>
            <source>{0}. Tab moves between the controls; F1 lists every key.</source>
            <translation>{0}. La touche Tab permet de passer d’un élément à l’autre ; la touche F1 affiche la liste de toutes les touches.</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>Standard</translation>
        </message>
        <message>
            <source>Projector</source>
            <translation>Projecteur</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>Contraste élevé</translation>
        </message>
        <message>
            <source>Colours: {0}</source>
            <translation>Couleurs : {0}</translation>
        </message>
        <message>
            <source>Colours: {0}. Choose the next colour scheme</source>
            <translation>Couleurs : {0}. Choisir le jeu de couleurs suivant</translation>
        </message>
        <message>
            <source>Change the language to {0}</source>
            <translation>Changer la langue : {0}</translation>
        </message>
        <message>
            <source>{0} of {1}</source>
            <translation>{0} sur {1}</translation>
        </message>
        <message>
            <source>That link leads outside this viewer, so it cannot be opened here. Please ask a member of staff.</source>
            <translation>Ce lien mène en dehors de cette application : il ne peut donc pas être ouvert ici. Veuillez vous adresser à un membre du personnel.</translation>
        </message>
        <message>
            <source>Content not loaded</source>
            <translation>Contenu non chargé</translation>
        </message>
        <message>
            <source>The content in {0} could not be used, so the built-in content is shown instead.</source>
            <translation>Le contenu de {0} n’a pas pu être utilisé : le contenu intégré est affiché à la place.</translation>
        </message>
        <message>
            <source>{0} problem(s) found. The first one:
{1}</source>
            <translation>{0} problème(s) détecté(s). Le premier :
{1}</translation>
        </message>
    </context>
    <context>
        <name>PinPad</name>
        <message>
            <source>Delete the last digit</source>
            <translation>Effacer le dernier chiffre</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>Valider</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Staff only: enter the PIN</source>
            <translation>Réservé au personnel : saisissez le code PIN</translation>
        </message>
        <message>
            <source>Staff PIN</source>
            <translation>Code PIN du personnel</translation>
        </message>
    </context>
    <context>
        <name>PlaybackControls</name>
        <message>
            <source>Reset the animation</source>
            <translation>Remettre l’animation au début</translation>
        </message>
        <message>
            <source>Back to the start of the treatment, paused, at the usual speed (Alt+R)</source>
            <translation>Revenir au début du traitement, en pause, à la vitesse normale (Alt+R)</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Au début</translation>
        </message>
        <message>
            <source>Previous step</source>
            <translation>Étape précédente</translation>
        </message>
        <message>
            <source>Go to the start of this step, or of the one before</source>
            <translation>Revenir au début de cette étape, ou de la précédente</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>Lecture</translation>
        </message>
        <message>
            <source>Play or pause the animation (Space or Alt+K)</source>
            <translation>Lancer ou mettre en pause l’animation (Espace ou Alt+K)</translation>
        </message>
        <message>
            <source>Next step</source>
            <translation>Étape suivante</translation>
        </message>
        <message>
            <source>Go to the start of the next step</source>
            <translation>Aller au début de l’étape suivante</translation>
        </message>
        <message>
            <source>Speed {0} times</source>
            <translation>Vitesse multipliée par {0}</translation>
        </message>
        <message>
            <source>Picture</source>
            <translation>Image</translation>
        </message>
        <message>
            <source>Temperatures</source>
            <translation>Températures</translation>
        </message>
        <message>
            <source>Show the tissue, the ice ball and the zone cold enough to destroy cells</source>
            <translation>Afficher les tissus, la boule de glace et la zone assez froide pour détruire les cellules</translation>
        </message>
        <message>
            <source>Show the temperatures as colours, with lines at 0, −20 and −40 °C</source>
            <translation>Afficher les températures en couleurs, avec des lignes à 0, −20 et −40 °C</translation>
        </message>
        <message>
            <source>Still pictures</source>
            <translation>Images fixes</translation>
        </message>
        <message>
            <source>Show one still picture per step instead of moving pictures</source>
            <translation>Afficher une image fixe par étape au lieu d’images animées</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
    </context>
    <context>
        <name>QuizOverlay</name>
        <message>
            <source>Check what you learned</source>
            <translation>Vérifier ce que vous avez compris</translation>
        </message>
        <message>
            <source>Show me in the text</source>
            <translation>Me le montrer dans le texte</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Question {0} of {1}: {2}</source>
            <translation>Question {0} sur {1} : {2}</translation>
        </message>
        <message>
            <source>Answer {0}: {1}</source>
            <translation>Réponse {0} : {1}</translation>
        </message>
        <message>
            <source>Skip this question</source>
            <translation>Passer cette question</translation>
        </message>
        <message>
            <source>Yes, that is right.</source>
            <translation>Oui, c’est bien ça.</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Suivante</translation>
        </message>
        <message>
            <source>See the summary</source>
            <translation>Voir le résumé</translation>
        </message>
        <message>
            <source>Not quite. {0} You can try again.</source>
            <translation>Pas tout à fait. {0} Vous pouvez réessayer.</translation>
        </message>
        <message>
            <source>You answered {0} of {1} questions right the first time.</source>
            <translation>Vous avez bien répondu du premier coup à {0} question(s) sur {1}.</translation>
        </message>
        <message>
            <source>Well done. You can read any section again whenever you like.</source>
            <translation>Bravo. Vous pouvez relire chaque partie quand vous le voulez.</translation>
        </message>
        <message>
            <source>It may help to ask your care team about “{0}”. Write down your questions before you go.</source>
            <translation>Il peut être utile d’en parler à votre équipe soignante : « {0} ». Notez vos questions avant d’y aller.</translation>
        </message>
    </context>
    <context>
        <name>Reader</name>
        <message>
            <source>Section text</source>
            <translation>Texte de la section</translation>
        </message>
    </context>
    <context>
        <name>SectionList</name>
        <message>
            <source>Sections</source>
            <translation>Sections</translation>
        </message>
    </context>
    <context>
        <name>StillThere</name>
        <message>
            <source>Are you still there?</source>
            <translation>Êtes-vous toujours là ?</translation>
        </message>
        <message>
            <source>Continue</source>
            <translation>Continuer</translation>
        </message>
        <message>
            <source>Continue: I am still here</source>
            <translation>Continuer : je suis toujours là</translation>
        </message>
        <message>
            <source>The screen will start again for the next person in 1 second. Touch anywhere to carry on.</source>
            <translation>Dans 1 seconde, l’écran reviendra au début pour la personne suivante. Touchez l’écran n’importe où pour continuer.</translation>
        </message>
        <message>
            <source>The screen will start again for the next person in {0} seconds. Touch anywhere to carry on.</source>
            <translation>Dans {0} secondes, l’écran reviendra au début pour la personne suivante. Touchez l’écran n’importe où pour continuer.</translation>
        </message>
    </context>
    <context>
        <name>TemperatureChart</name>
        <message>
            <source>Temperature chart</source>
            <translation>Courbe des températures</translation>
        </message>
        <message>
            <source>A chart of the temperature at the tumour's edge and at its centre, in degrees Celsius, against time in minutes. The freezes are shaded. A dashed line marks the temperature cold enough to destroy cells. A line marks the moment shown; what comes after it is faded.</source>
            <translation>Courbe de la température au bord de la tumeur et en son centre, en degrés Celsius, en fonction du temps en minutes. Les périodes de congélation sont ombrées. Une ligne en pointillés marque la température assez froide pour détruire les cellules. Un trait marque le moment affiché ; la suite est estompée.</translation>
        </message>
        <message>
            <source>Tumour edge</source>
            <translation>Bord de la tumeur</translation>
        </message>
        <message>
            <source>Tumour centre</source>
            <translation>Centre de la tumeur</translation>
        </message>
        <message>
            <source>Cold enough to destroy cells</source>
            <translation>Assez froid pour détruire les cellules</translation>
        </message>
        <message>
            <source>minutes</source>
            <translation>minutes</translation>
        </message>
    </context>
    <context>
        <name>Timeline</name>
        <message>
            <source>Treatment timeline</source>
            <translation>Frise du traitement</translation>
        </message>
        <message>
            <source>Left and right arrows move a little; Page Up and Page Down go to the previous or next step; Home and End go to the start or the end.</source>
            <translation>Les flèches gauche et droite avancent ou reculent un peu ; les touches Page préc. et Page suiv. mènent à l’étape précédente ou suivante ; les touches Début et Fin mènent au début ou à la fin du traitement.</translation>
        </message>
    </context>
    <context>
        <name>UltrasoundView</name>
        <message>
            <source>What the doctor sees on ultrasound</source>
            <translation>Ce que le médecin voit à l’échographie</translation>
        </message>
        <message>
            <source>Ultrasound picture</source>
            <translation>Image échographique</translation>
        </message>
        <message>
            <source>There is no ice in it now: only grey, speckled tissue.</source>
            <translation>Il n’y a pas de glace pour le moment : seulement des tissus gris et granuleux.</translation>
        </message>
        <message>
            <source>The near edge of the ice ball shows as a bright curved line, {0} cm below the ultrasound probe, with a dark shadow behind it.</source>
            <translation>Le bord le plus proche de la boule de glace apparaît comme une ligne courbe brillante, à {0} cm sous la sonde d’échographie, avec une ombre noire derrière elle.</translation>
        </message>
        <message>
            <source>The ultrasound picture the doctor watches during the freezing, seen from the ultrasound probe at its top. {0} Sound does not pass through ice, so the ice casts a shadow. The freezing probe shows as a bright line, with its own shadow.</source>
            <translation>L’image échographique que le médecin surveille pendant la congélation, vue depuis la sonde d’échographie placée en haut de l’image. {0} Les ultrasons ne traversent pas la glace : la glace projette donc une ombre. La cryosonde apparaît comme une ligne brillante, avec sa propre ombre.</translation>
        </message>
    </context>
</TS>
