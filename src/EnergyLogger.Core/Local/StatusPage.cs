namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// The local status page (docs/local-access.md): one static HTML document that fetches <c>/api/status</c> every three
    /// seconds and shows the power flow between PV, battery, house and grid in kW with words (exporting, charging), the
    /// battery's state of charge and today's energy. Read-only; it holds no data of its own. A value the sample does not
    /// carry (not fed, or not good this cycle) shows as a dash.
    /// </summary>
    public static class StatusPage
    {
        public const string Html =
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width,initial-scale=1'>"
            + "<title>EnergyLogger</title><style>"
            + "body{font-family:sans-serif;margin:1em;background:#f4f6f8;color:#123}h1{font-size:1.3em}"
            + ".flow{display:grid;grid-template-columns:repeat(2,minmax(9em,1fr));gap:.8em;max-width:32em}"
            + ".box{background:#fff;border-radius:.5em;padding:.8em;box-shadow:0 1px 3px #0002}.kw{font-size:1.8em;font-weight:bold}"
            + ".word{color:#456}table{margin-top:1em;border-collapse:collapse}td{padding:.2em .8em .2em 0}small{color:#678}"
            + "</style></head><body><h1>EnergyLogger</h1><div class='flow'>"
            + "<div class='box'>PV<div class='kw'><span id='pv-kw'>-</span> kW</div><div class='word' id='pv-word'>-</div></div>"
            + "<div class='box'>Battery<div class='kw'><span id='battery-kw'>-</span> kW</div><div class='word'><span id='battery-word'>-</span>, <span id='soc'>-</span> %</div></div>"
            + "<div class='box'>House<div class='kw'><span id='house-kw'>-</span> kW</div><div class='word' id='house-word'>-</div></div>"
            + "<div class='box'>Grid<div class='kw'><span id='grid-kw'>-</span> kW</div><div class='word' id='grid-word'>-</div></div>"
            + "</div><table><tr><th colspan='2'>Today</th></tr>"
            + "<tr><td>PV</td><td><span id='e-pv'>-</span> kWh</td></tr><tr><td>House</td><td><span id='e-house'>-</span> kWh</td></tr>"
            + "<tr><td>Imported</td><td><span id='e-import'>-</span> kWh</td></tr><tr><td>Exported</td><td><span id='e-export'>-</span> kWh</td></tr>"
            + "<tr><td>Charged</td><td><span id='e-charge'>-</span> kWh</td></tr><tr><td>Discharged</td><td><span id='e-discharge'>-</span> kWh</td></tr>"
            + "</table><p><small>Sample <span id='seq'>-</span>, cloud <span id='cloud'>-</span></small></p><script>"
            + "function v(o,p){p.split('.').forEach(function(k){o=o==null?null:o[k];});return typeof o=='number'?o:null;}"
            + "function kw(w){return w==null?'-':(Math.abs(w)/1000).toFixed(2);}function kwh(e){return e==null?'-':e.toFixed(1);}"
            + "function say(w,pos,neg){return w==null?'no data':w>0?pos:w<0?neg:'idle';}"
            + "function set(id,t){document.getElementById(id).textContent=t;}"
            + "function show(d){var s=d.sample||{};"
            + "set('pv-kw',kw(v(s,'pv.power')));set('pv-word',say(v(s,'pv.power'),'producing','consuming'));"
            + "set('battery-kw',kw(v(s,'battery.power')));set('battery-word',say(v(s,'battery.power'),'charging','discharging'));"
            + "var soc=v(s,'battery.soc');set('soc',soc==null?'-':soc.toFixed(0));"
            + "set('house-kw',kw(v(s,'load.power')));set('house-word',say(v(s,'load.power'),'consuming','feeding'));"
            + "set('grid-kw',kw(v(s,'grid.power')));set('grid-word',say(v(s,'grid.power'),'exporting','importing'));"
            + "set('e-pv',kwh(v(s,'pv.energy_today')));set('e-house',kwh(v(s,'load.energy_today')));"
            + "set('e-import',kwh(v(s,'grid.import_energy_today')));set('e-export',kwh(v(s,'grid.export_energy_today')));"
            + "set('e-charge',kwh(v(s,'battery.charge_energy_today')));set('e-discharge',kwh(v(s,'battery.discharge_energy_today')));"
            + "set('seq',s.seq==null?'-':String(s.seq));set('cloud',d.cloud&&d.cloud.online?'online':'offline');}"
            + "function poll(){fetch('/api/status').then(function(r){return r.json();}).then(show).catch(function(){});}"
            + "poll();setInterval(poll,3000);</script></body></html>";
    }
}
