"""Run by Debian's own Python (/usr/bin/python3, which has LibreOffice's `uno` module), not by the
project's: open Word files in a headless LibreOffice, apply "Accept All" or "Reject All" to the
tracked changes as a user would (the .uno:AcceptAllTrackedChanges / RejectAllTrackedChanges
commands), and print each paragraph's style and text as JSON.

    /usr/bin/python3 tests/office_uno.py PROFILE_DIR accept|reject|none FILE.docx ...

prints {"FILE.docx": [[style, text], ...], ...}. Used by tests/test_clients.py.
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges", "none": None}


def main(profile: str, action: str, paths: list) -> None:
    pipe = f"gpia-{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible", "--norestore",
         "--nologo", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(300):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.2)
        else:
            raise SystemExit("LibreOffice did not start")
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        result = {}
        for path in paths:
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                                    (hidden,))
            if COMMANDS[action]:
                dispatcher.executeDispatch(document.getCurrentController().getFrame(), COMMANDS[action], "", 0, ())
            paragraphs = []
            enumeration = document.getText().createEnumeration()
            while enumeration.hasMoreElements():
                element = enumeration.nextElement()
                if element.supportsService("com.sun.star.text.Paragraph"):
                    paragraphs.append([element.ParaStyleName, element.getString()])
            result[os.path.basename(path)] = paragraphs
            document.close(True)
        print(json.dumps(result, ensure_ascii=False))
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 (the bridge closes as LibreOffice quits)
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
