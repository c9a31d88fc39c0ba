/* Places as circles on one canvas per map (geo/views/maps.py, PlaceLayer).
 *
 * A kind of place (countries, cities, ...) is one layer of the layer switch, built from compact rows
 * [lat, lon, radius, label, key, passages].  Every kind draws on its map's one canvas, which also finds
 * the circle under the pointer for the tooltip, the popup and the click that streamlit-folium reports.
 * Adding 10,000 Leaflet circle markers to a map took a third of a second of the reader's wait; drawing
 * them on a canvas of our own takes a few milliseconds.
 *
 * Nothing from a document is parsed as HTML: the popup is built with textContent, and the tooltip's
 * label is escaped (streamlit-folium reads a clicked circle's tooltip as HTML to find its place key).
 */
(function () {
    "use strict";

    function escape(text) {
        return String(text).replace(/[&<>"']/g, function (c) {
            return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
        });
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) node.className = className;
        if (text) node.textContent = text;
        return node;
    }

    // A place's circle: it answers what streamlit-folium and the tests ask of a Leaflet circle marker.
    function Circle(row, kind) {
        this._latlng = L.latLng(row[0], row[1]);
        this.radius = row[2];
        this.label = row[3];
        this.passages = row[5];
        this.kind = kind;
        this._tooltip = {
            _content: escape(row[3]) + '<span style="display:none">' + escape(row[4]) + "</span>",
            getContent: function () { return this._content; }
        };
    }
    Circle.prototype.getLatLng = function () { return this._latlng; };
    Circle.prototype.getTooltip = function () { return this._tooltip; };
    Circle.prototype.openPopup = function () { canvasOf(this.kind._map).open(this); return this; };
    Circle.prototype.bringToFront = function () { canvasOf(this.kind._map).front(this); return this; };

    // The popup: the label, then each passage with its mention in <mark>.
    function popupContent(circle) {
        var box = element("div", "place-popup");
        box.appendChild(element("b", "", circle.label));
        circle.passages.forEach(function (passage) {
            var quote = element("blockquote", "popup-passage");
            quote.appendChild(document.createTextNode(passage[0]));
            quote.appendChild(element("mark", "", passage[1]));
            quote.appendChild(document.createTextNode(passage[2]));
            box.appendChild(quote);
        });
        return box;
    }

    function PlaceCanvas(map) {
        this._map = map;
        this._order = [];  // the circles of the kinds on the map, in drawing order: the last is on top
        this._hovered = null;
        var pane = map.getPane("places") || map.createPane("places");
        pane.style.zIndex = 450;  // over the basemap and the tiles, under tooltips and popups
        pane.style.pointerEvents = "none";  // the map itself receives the pointer; see _hit
        // Hidden while the map zooms (Leaflet's class), drawn again when the zoom ends.
        this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide", pane);
        this._tooltip = L.tooltip({direction: "auto"});
        map.on({moveend: this._schedule, zoomend: this._schedule, resize: this._schedule, viewreset: this._schedule,
                mousemove: this._hover, mouseout: this._leave, click: this._click}, this);
    }

    PlaceCanvas.prototype.add = function (kind) {
        this._order = this._order.concat(kind._circles);
        this._schedule();
    };

    PlaceCanvas.prototype.remove = function (kind) {
        this._order = this._order.filter(function (circle) { return circle.kind !== kind; });
        if (this._hovered && this._hovered.kind === kind) this._leave();
        this._schedule();
    };

    PlaceCanvas.prototype.front = function (circle) {
        var at = this._order.indexOf(circle);
        if (at >= 0) this._order.push(this._order.splice(at, 1)[0]);
        this._schedule();
    };

    PlaceCanvas.prototype.open = function (circle) {
        L.popup({maxWidth: 380, maxHeight: 200, autoPanPadding: [10, 10]})
            .setLatLng(circle._latlng).setContent(popupContent(circle)).openOn(this._map);
    };

    PlaceCanvas.prototype._schedule = function () {
        if (!this._frame) this._frame = L.Util.requestAnimFrame(this._draw, this);
    };

    // The canvas covers the map and half its size around it, so a pan shows circles before it ends.
    PlaceCanvas.prototype._draw = function () {
        this._frame = null;
        var map = this._map, size = map.getSize(), pad = size.multiplyBy(0.5).round(),
            origin = map.containerPointToLayerPoint(pad.multiplyBy(-1)),
            full = size.add(pad.multiplyBy(2)), ratio = window.devicePixelRatio || 1,
            canvas = this._canvas, context = canvas.getContext("2d");
        L.DomUtil.setPosition(canvas, origin);
        canvas.width = full.x * ratio;
        canvas.height = full.y * ratio;
        canvas.style.width = full.x + "px";
        canvas.style.height = full.y + "px";
        context.setTransform(ratio, 0, 0, ratio, 0, 0);
        context.lineWidth = 1;
        context.strokeStyle = "#333";
        this._order.forEach(function (circle) {
            var point = circle._point = map.latLngToLayerPoint(circle._latlng),
                x = point.x - origin.x, y = point.y - origin.y, r = circle.radius;
            if (x + r < 0 || y + r < 0 || x - r > full.x || y - r > full.y) return;
            context.beginPath();
            context.arc(x, y, r, 0, 2 * Math.PI);
            context.globalAlpha = 0.75;
            context.fillStyle = circle.kind._colour;
            context.fill();
            context.globalAlpha = 1;
            context.stroke();
        });
    };

    // The topmost circle under a point of the map's container, or null.
    PlaceCanvas.prototype._hit = function (containerPoint) {
        var at = this._map.containerPointToLayerPoint(containerPoint);
        for (var i = this._order.length - 1; i >= 0; i--) {
            var circle = this._order[i], point = circle._point;
            if (!point) continue;
            var dx = point.x - at.x, dy = point.y - at.y, r = circle.radius + 1;
            if (dx * dx + dy * dy <= r * r) return circle;
        }
        return null;
    };

    PlaceCanvas.prototype._hover = function (e) {
        var circle = this._hit(e.containerPoint);
        if (circle === this._hovered) return;
        if (!circle) return this._leave();
        this._hovered = circle;
        this._map.getContainer().style.cursor = "pointer";
        this._tooltip.setLatLng(circle._latlng).setContent(circle._tooltip._content);
        this._map.openTooltip(this._tooltip);
    };

    PlaceCanvas.prototype._leave = function () {
        this._hovered = null;
        this._map.getContainer().style.cursor = "";
        this._map.closeTooltip(this._tooltip);
    };

    // A click on a circle opens its popup and is a click on its kind's layer, where streamlit-folium listens.
    PlaceCanvas.prototype._click = function (e) {
        var circle = this._hit(e.containerPoint);
        if (!circle) return;
        this.open(circle);
        circle.kind.fire("click", {latlng: circle._latlng, sourceTarget: circle, originalEvent: e.originalEvent});
    };

    function canvasOf(map) {
        return map._placeCanvas || (map._placeCanvas = new PlaceCanvas(map));
    }

    L.PlaceKind = L.Layer.extend({
        initialize: function (rows, colour) {
            this._colour = colour;
            this._circles = rows.map(function (row) { return new Circle(row, this); }, this);
        },
        onAdd: function (map) { canvasOf(map).add(this); },
        onRemove: function (map) { canvasOf(map).remove(this); }
    });
    L.placeKind = function (rows, colour) { return new L.PlaceKind(rows, colour); };

    // The circles the map shows, topmost last: for the tests and the benchmarks.
    L.Map.include({
        placeCircles: function () { return this._placeCanvas ? this._placeCanvas._order.slice() : []; }
    });
})();
