"""End to end in a real headless Chromium (Debian's chromium + chromium-driver, through Selenium): `huiwu serve` →
upload → structure → meeting form → build → download, with JavaScript and without it.

Set HUIWU_SCREENSHOT=docs/serve.png to refresh the README's screenshot from this test.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, SEED, soffice_path
from .test_web_cli import free_port, wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
try:
    import selenium  # noqa: F401
except ImportError:  # pragma: no cover
    selenium = None

pytestmark = [
    pytest.mark.skipif(selenium is None, reason="selenium is not installed (pip install -e '.[test]')"),
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Chromium and chromedriver are not installed "
                                                         "(Debian: apt-get install chromium chromium-driver); CI installs them"),
]
THREE = {"会议纪要.docx", "学习课件.pptx", "学习要点.docx"}


@pytest.fixture(scope="module")
def url():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--no-browser", "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def browser(downloads: Path, javascript: bool = True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-default-apps",
                 "--window-size=1366,768", "--lang=zh-CN"):
        options.add_argument(flag)
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_page_load_timeout(60)
    return driver


def wait(driver, condition, seconds: float = 60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, poll_frequency=0.2).until(condition)


def element(driver, css: str, seconds: float = 60):
    from selenium.webdriver.common.by import By

    return wait(driver, lambda d: (d.find_elements(By.CSS_SELECTOR, css) or [None])[0], seconds)


def downloaded(folder: Path, suffix: str, seconds: float = 60) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}")]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {os.listdir(folder)}")


def minutes_text(zip_path: Path) -> str:
    import io

    import docx

    with zipfile.ZipFile(zip_path) as archive:
        assert set(archive.namelist()) == THREE
        return "\n".join(p.text for p in docx.Document(io.BytesIO(archive.read("会议纪要.docx"))).paragraphs)


def test_the_whole_flow_with_javascript(url, tmp_path):
    from selenium.webdriver.common.by import By

    driver = browser(tmp_path)
    try:
        driver.get(url)
        assert driver.title.startswith("会务")
        driver.find_element(By.NAME, "outline").send_keys(str(SEED))
        structure = element(driver, "#structure")      # -- shown as soon as the file is chosen: no button, no reload --
        assert "加强政治建设，坚定不移维护核心、忠诚核心" in structure.text
        assert "占位符“XX”尚未替换" in driver.find_element(By.ID, "findings").text
        assert driver.current_url == url

        driver.find_element(By.NAME, "meeting.date").send_keys("2020-13-45")
        driver.find_element(By.NAME, "meeting.place").send_keys("局机关三楼会议室")
        driver.find_element(By.NAME, "meeting.host").send_keys("局党组书记、局长王××")
        driver.find_element(By.NAME, "meeting.attendees").send_keys("王××、李××、张××")
        assert driver.find_element(By.NAME, "placeholders.0.name").get_attribute("value") == "XX"
        driver.find_element(By.NAME, "placeholders.0.value").send_keys("某市")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(tmp_path / "serve.png"))
        if os.environ.get("HUIWU_SCREENSHOT"):
            shutil.copyfile(tmp_path / "serve.png", ROOT / os.environ["HUIWU_SCREENSHOT"])

        driver.find_element(By.ID, "build").click()
        problem = element(driver, '.error[data-field="meeting.date"]')   # -- beside the field that caused it --
        assert "日期“2020-13-45”无效" in problem.text
        date = driver.find_element(By.NAME, "meeting.date")
        date.clear()
        date.send_keys("2020-05-28")
        assert driver.find_element(By.NAME, "placeholders.0.value").get_attribute("value") == "某市"   # -- kept --
        driver.find_element(By.ID, "build").click()
        zip_link = element(driver, "#zip", 240)
        assert "/jobs/" in driver.current_url
        previews = driver.find_elements(By.CSS_SELECTOR, ".preview")
        assert len(previews) == 3
        if soffice_path():
            images = driver.find_elements(By.CSS_SELECTOR, ".thumbs img")
            assert len(images) > 20
            # -- the first thumbnail has loaded (it may still be on its way when the result appears) --
            width = wait(driver, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth",
                                                            images[0]) or None, 30)
            assert width > 100
        driver.set_window_size(1366, 2400)
        driver.save_screenshot(str(tmp_path / "result.png"))

        loaded = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
        assert loaded and all(name.startswith(url) for name in loaded), loaded   # -- nothing from outside --

        zip_link.click()
        text = minutes_text(downloaded(tmp_path, ".zip"))
        assert "2020年5月28日" in text and "局机关三楼会议室" in text and "某市" in text and "XX" not in text
    finally:
        driver.quit()


def test_the_basic_flow_without_javascript(url, tmp_path):
    from selenium.webdriver.common.by import By

    driver = browser(tmp_path, javascript=False)
    try:
        driver.get(url)
        driver.find_element(By.NAME, "outline").send_keys(str(SEED))
        driver.find_element(By.CSS_SELECTOR, 'button[value="parse"]').click()
        assert "加强政治建设" in element(driver, "#structure").text
        driver.find_element(By.NAME, "meeting.place").send_keys("二楼会议室")
        driver.find_element(By.ID, "build").click()
        zip_link = element(driver, "#zip", 240)          # -- the result page refreshes itself until the build is done --
        zip_link.click()
        assert "二楼会议室" in minutes_text(downloaded(tmp_path, ".zip"))
    finally:
        driver.quit()
