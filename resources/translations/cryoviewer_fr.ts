<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AdminScreen</name>
    <message>
        <source>Kiosk status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload content and settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit CryoViewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CryoViewer kiosk: administration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Touch the screen to learn about cryosurgery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap anywhere to start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrossSection</name>
    <message>
        <source>Diagram of the treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tumour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healing tissue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ice ball</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cold enough to destroy cells</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Diagram</name>
    <message>
        <source>Prepare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thaw {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — {1} of {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — over the next weeks (shortened here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, {1} of {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, over the next weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagramPanel</name>
    <message>
        <source>Cross-section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ultrasound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the cross-section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this treatment: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the animation… {0} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This animation cannot be shown. Please ask a member of staff.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Framing</name>
    <message>
        <source>1 cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ultrasound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A slice across the probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skin surface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muscle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the list of keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Key</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colours from {0} to {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>The diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space  or  Alt+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause the animation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset the animation to its start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← → ↑ ↓ on the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the animation a little</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page Up  /  Page Down on the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the previous or next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home  /  End on the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the start or the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→  or  ↓ in the list or the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>←  or  ↑ in the list or the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page Down  /  Page Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read down or up; then turn the page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home  /  End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First or last section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 – 9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open that section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl and +  /  Ctrl and −</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger or smaller text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl and 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text back to its usual size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab to a link, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow a link in the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab  /  Shift+Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to the next or previous control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press the control that has the focus ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1  or  ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this list, or the list of sections</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message>
        <source>No staff PIN is set in the kiosk configuration, so this screen cannot be opened. Ask the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {0} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CryoViewer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running for {0} h {1:02d} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content: {0} ({1} sections, language {2}), from {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (the defaults)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent warnings and errors:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>◀  Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next  ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>☰  Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the list of sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A−</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}. Tab moves between the controls; F1 lists every key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours: {0}. Choose the next colour scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That link leads outside this viewer, so it cannot be opened here. Please ask a member of staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content in {0} could not be used, so the built-in content is shown instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} problem(s) found. The first one:
{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Delete the last digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff only: enter the PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaybackControls</name>
    <message>
        <source>Reset the animation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the start of the treatment, paused, at the usual speed (Alt+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the start of this step, or of the one before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause the animation (Space or Alt+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the start of the next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed {0} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the tissue, the ice ball and the zone cold enough to destroy cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the temperatures as colours, with lines at 0, −20 and −40 °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one still picture per step instead of moving pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <source>Section text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionList</name>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <source>Are you still there?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue: I am still here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screen will start again for the next person in {0} seconds. Touch anywhere to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemperatureChart</name>
    <message>
        <source>Temperature chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chart of the temperature at the tumour&apos;s edge and at its centre, in degrees Celsius, against time in minutes. The freezes are shaded. A dashed line marks the temperature cold enough to destroy cells. A line marks the moment shown; what comes after it is faded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tumour edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tumour centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cold enough to destroy cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Treatment timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left and right arrows move a little; Page Up and Page Down go to the previous or next step; Home and End go to the start or the end.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UltrasoundView</name>
    <message>
        <source>What the doctor sees on ultrasound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ultrasound picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no ice in it now: only grey, speckled tissue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The near edge of the ice ball shows as a bright curved line, {0} cm below the ultrasound probe, with a dark shadow behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ultrasound picture the doctor watches during the freezing, seen from the ultrasound probe at its top. {0} Sound does not pass through ice, so the ice casts a shadow. The freezing probe shows as a bright line, with its own shadow.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
